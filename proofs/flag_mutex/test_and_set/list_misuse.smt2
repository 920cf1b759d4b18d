; irqverify certificate
; {"format": 1, "spec": "spec/flag_mutex.irq", "spec_hash": "sha256:8a3549e6b30b35f2ed15a50335e1a2c4a81a7169c8664b78f88e76c92322df85", "variant": "test_and_set", "property": "list_misuse", "engine": "explicit", "k": 1, "encoding": "bv", "tool": "irqverify 0.1.0", "overrides": {}}
;
; The invariant in the spec's names (informative; the assertion below is what is checked):
;   preempt_count[worker(0)] == 0
;   preempt_count[worker(1)] == 0 && (irqs_off[worker(0)] == 0 && (irqs_off[worker(1)] == 0 && (rcu_nesting[worker(0)] == 0 && (rcu_nesting[worker(1)] == 0 && (rcu_gp_wait[worker(0)] == {} && (rcu_gp_wait[worker(1)] == {} && (((busy == false && (in_critical == {} && (((worker(0).pc == end && (((worker(1).pc == end && true) || (worker(1).pc == if atomic_tas { && true)))) || (worker(0).pc == if atomic_tas { && (((worker(1).pc == end && true) || (worker(1).pc == if atomic_tas { && true)))))))) || (busy == true && (((in_critical == {} && (((worker(0).pc == busy = false; && (((worker(1).pc == end && true) || (worker(1).pc == if atomic_tas { && true)))) || (worker(0).pc == end && (((worker(1).pc == in_critical += {self}; && true) || (worker(1).pc == busy = false; && true)))) || (worker(0).pc == in_critical += {self}; && (((worker(1).pc == end && true) || (worker(1).pc == if atomic_tas { && true)))) || (worker(0).pc == if atomic_tas { && (((worker(1).pc == in_critical += {self}; && true) || (worker(1).pc == busy = false; && true))))))) || (in_critical == {worker(0)} && (worker(0).pc == in_critical -= {self}; && (((worker(1).pc == end && true) || (worker(1).pc == if atomic_tas { && true))))) || (in_critical == {worker(1)} && (((worker(0).pc == end && (worker(1).pc == in_critical -= {self}; && true)) || (worker(0).pc == if atomic_tas { && (worker(1).pc == in_critical -= {self}; && true))))))))))))))))
(set-logic QF_BV)
(set-info :status unknown)
(declare-fun |worker(1).pc| () (_ BitVec 5))
(declare-fun |worker(0).pc| () (_ BitVec 5))
(declare-fun in_critical () (_ BitVec 2))
(declare-fun busy () Bool)
(declare-fun |rcu_gp_wait[worker(1)]| () (_ BitVec 2))
(declare-fun |rcu_gp_wait[worker(0)]| () (_ BitVec 2))
(declare-fun |rcu_nesting[worker(1)]| () (_ BitVec 5))
(declare-fun |rcu_nesting[worker(0)]| () (_ BitVec 5))
(declare-fun |irqs_off[worker(1)]| () (_ BitVec 5))
(declare-fun |irqs_off[worker(0)]| () (_ BitVec 5))
(declare-fun |preempt_count[worker(1)]| () (_ BitVec 5))
(declare-fun |preempt_count[worker(0)]| () (_ BitVec 5))
(assert
 (let (($x115 (or (and (= (_ bv0 5) |worker(0).pc|) (and (= (_ bv3 5) |worker(1).pc|) true)) (and (= (_ bv1 5) |worker(0).pc|) (and (= (_ bv3 5) |worker(1).pc|) true)))))
(let (($x122 (or (and (= (_ bv0 5) |worker(1).pc|) true) (and (= (_ bv1 5) |worker(1).pc|) true))))
(let (($x131 (or (and (= (_ bv2 5) |worker(1).pc|) true) (and (= (_ bv4 5) |worker(1).pc|) true))))
(let (($x111 (= (_ bv1 5) |worker(0).pc|)))
(let (($x138 (or (and (= (_ bv4 5) |worker(0).pc|) $x122) (and (= (_ bv0 5) |worker(0).pc|) $x131) (and (= (_ bv2 5) |worker(0).pc|) $x122) (and $x111 $x131))))
(let (($x139 (= (_ bv0 2) in_critical)))
(let (($x141 (or (and $x139 $x138) (and (= (_ bv1 2) in_critical) (and (= (_ bv3 5) |worker(0).pc|) $x122)) (and (= (_ bv2 2) in_critical) $x115))))
(let (($x149 (and (= busy false) (and $x139 (or (and (= (_ bv0 5) |worker(0).pc|) $x122) (and $x111 $x122))))))
(let (($x152 (and (= (_ bv0 2) |rcu_gp_wait[worker(1)]|) (or $x149 (and (= busy true) $x141)))))
(let (($x156 (and (= (_ bv0 5) |rcu_nesting[worker(1)]|) (and (= (_ bv0 2) |rcu_gp_wait[worker(0)]|) $x152))))
(let (($x160 (and (= (_ bv0 5) |irqs_off[worker(1)]|) (and (= (_ bv0 5) |rcu_nesting[worker(0)]|) $x156))))
(let (($x164 (and (= (_ bv0 5) |preempt_count[worker(1)]|) (and (= (_ bv0 5) |irqs_off[worker(0)]|) $x160))))
(and (= (_ bv0 5) |preempt_count[worker(0)]|) $x164))))))))))))))
