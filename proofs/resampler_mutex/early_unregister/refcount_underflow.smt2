; irqverify certificate
; {"format": 1, "spec": "spec/resampler_mutex.irq", "spec_hash": "sha256:d38772ebcfcb4e698eeff735661bf46a1fa62d13bbe70c5ced57b61572096c80", "variant": "early_unregister", "property": "refcount_underflow", "engine": "k-induction", "k": 1, "encoding": "bv", "tool": "irqverify 0.1.0", "overrides": {}}
;
; The invariant in the spec's names (informative; the assertion below is what is checked):
;   true
(set-logic QF_BV)
(set-info :status unknown)
(assert true)
