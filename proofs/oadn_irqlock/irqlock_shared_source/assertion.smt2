; irqverify certificate
; {"format": 1, "spec": "spec/oadn_irqlock.irq", "spec_hash": "sha256:95d3c119714d92463301401e72d09a21ddce9878c42164a4580022737ce0ab18", "variant": "irqlock_shared_source", "property": "assertion", "engine": "k-induction", "k": 1, "encoding": "bv", "tool": "irqverify 0.1.0", "overrides": {}}
;
; The invariant in the spec's names (informative; the assertion below is what is checked):
;   true
(set-logic QF_BV)
(set-info :status unknown)
(assert true)
