; irqverify certificate
; {"format": 1, "spec": "spec/oadn_irqlock.irq", "spec_hash": "sha256:1c3285fde6bb5e4dfdc129444d01483d9d6878d985d31f43d1df2be7dca33b26", "variant": "irqlock", "property": "irq_inversion", "engine": "k-induction", "k": 1, "encoding": "bv", "tool": "irqverify 0.1.0", "overrides": {}}
;
; The invariant in the spec's names (informative; the assertion below is what is checked):
;   true
(set-logic QF_BV)
(set-info :status unknown)
(assert true)
