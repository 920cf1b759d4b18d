; irqverify certificate
; {"format": 1, "spec": "spec/oadn_v9.irq", "spec_hash": "sha256:a70ba5dce76a050e29ff8b944dba43f382c8785a0e0b8dbe518089191ab2fa6b", "variant": "fresh_source", "property": "refcount_add_on_zero", "engine": "k-induction", "k": 1, "encoding": "bv", "tool": "irqverify 0.1.0", "overrides": {}}
;
; The invariant in the spec's names (informative; the assertion below is what is checked):
;   true
(set-logic QF_BV)
(set-info :status unknown)
(assert true)
