; irqverify certificate
; {"format": 1, "spec": "spec/resampler_mutex.irq", "spec_hash": "sha256:1678b6c48830f2b17149e0387b7bf76007b1b5a1efa67e7e610c91677e406095", "variant": "early_unregister", "property": "refcount_underflow", "engine": "k-induction", "k": 1, "encoding": "bv", "tool": "irqverify 0.1.0", "overrides": {}}
;
; The invariant in the spec's names (informative; the assertion below is what is checked):
;   true
(set-logic QF_BV)
(set-info :status unknown)
(assert true)
