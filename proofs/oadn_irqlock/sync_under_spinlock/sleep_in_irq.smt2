; irqverify certificate
; {"format": 1, "spec": "spec/oadn_irqlock.irq", "spec_hash": "sha256:95d3c119714d92463301401e72d09a21ddce9878c42164a4580022737ce0ab18", "variant": "sync_under_spinlock", "property": "sleep_in_irq", "engine": "pdr", "k": 1, "encoding": "bv", "tool": "irqverify 0.1.0", "overrides": {}}
;
; The invariant in the spec's names (informative; the assertion below is what is checked):
;   !softirq_running[user(1)]
;   !hardirq_running[user(0)]
;   !hardirq_running[user(1)]
;   !softirq_running[user(0)]
(set-logic QF_BV)
(set-info :status unknown)
(declare-fun |softirq_running[user(0)]| () Bool)
(declare-fun |hardirq_running[user(1)]| () Bool)
(declare-fun |hardirq_running[user(0)]| () Bool)
(declare-fun |softirq_running[user(1)]| () Bool)
(assert
 (let (($x47391 (not |softirq_running[user(0)]|)))
(let (($x47392 (not |hardirq_running[user(1)]|)))
(let (($x47393 (not |hardirq_running[user(0)]|)))
(let (($x47394 (not |softirq_running[user(1)]|)))
(and $x47394 $x47393 $x47392 $x47391))))))
