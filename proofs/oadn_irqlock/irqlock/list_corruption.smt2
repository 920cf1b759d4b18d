; irqverify certificate
; {"format": 1, "spec": "spec/oadn_irqlock.irq", "spec_hash": "sha256:b52302fa55ed28bc4be3fed39ff75fa3d94ec6d3e6fc9776090027540034984b", "variant": "irqlock", "property": "list_corruption", "engine": "localization", "k": 1, "encoding": "bv", "tool": "irqverify 0.1.0", "overrides": {}}
;
; The invariant in the spec's names (informative; the assertion below is what is checked):
;   preempt_count[device(0)] == 0 && (preempt_count[device(1)] == 0 && (preempt_count[inject_worker(0)] == 0 && (preempt_count[inject_worker(1)] == 0 && (preempt_count[guest(0)] == 0 && (irqs_off[device(0)] == 0 && (irqs_off[device(1)] == 0 && (irqs_off[inject_worker(0)] == 0 && (irqs_off[inject_worker(1)] == 0 && (irqs_off[guest(0)] == 0 && (rcu_nesting[device(0)] == 0 && (rcu_nesting[device(1)] == 0 && (rcu_nesting[inject_worker(0)] == 0 && (rcu_nesting[inject_worker(1)] == 0 && (rcu_nesting[user(0)] == 0 && (rcu_nesting[user(1)] == 0 && (kvm.irq_ack_notifier_list.poisoned == {} && (oadn#0.irqfds.poisoned == {} && (oadn#1.irqfds.poisoned == {} && (((guest(0).pc == loop { && (guest(0).kvm_notify_acked_irq.n == oadn#0 && (guest(0).kvm_notify_acked_irq.n#cursor == none && guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == none))) || (guest(0).pc == rcu_nesting[self] += 1; && (((guest(0).kvm_notify_acked_irq.n == oadn#0 && (guest(0).kvm_notify_acked_irq.n#cursor == none && guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == none)) || (guest(0).kvm_notify_acked_irq.n == oadn#1 && (guest(0).kvm_notify_acked_irq.n#cursor == none && guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == none))))) || (guest(0).pc == foreach n in kvm.irq_ack_notifier_list { && (((guest(0).kvm_notify_acked_irq.n == oadn#0 && (guest(0).kvm_notify_acked_irq.n#cursor == none && guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == none)) || (guest(0).kvm_notify_acked_irq.n == oadn#1 && (guest(0).kvm_notify_acked_irq.n#cursor == none && guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == none))))) || (guest(0).pc == atomic { && (((guest(0).kvm_notify_acked_irq.n == oadn#0 && (guest(0).kvm_notify_acked_irq.n#cursor == none && guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == none)) || (guest(0).kvm_notify_acked_irq.n == oadn#1 && (guest(0).kvm_notify_acked_irq.n#cursor == none && guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == none))))) || (guest(0).pc == if n.gsi == gsi { && (((guest(0).kvm_notify_acked_irq.n == oadn#0 && (guest(0).kvm_notify_acked_irq.n#cursor == oadn#0 && guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == none)) || (guest(0).kvm_notify_acked_irq.n == oadn#1 && (guest(0).kvm_notify_acked_irq.n#cursor == oadn#1 && guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == none))))) || (guest(0).pc == atomic { && (((guest(0).kvm_notify_acked_irq.n == oadn#0 && (guest(0).kvm_notify_acked_irq.n#cursor == none && guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == none)) || (guest(0).kvm_notify_acked_irq.n == oadn#1 && (guest(0).kvm_notify_acked_irq.n#cursor == none && guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == none))))) || (guest(0).pc == foreach n in kvm.irq_ack_notifier_list { && (((guest(0).kvm_notify_acked_irq.n == oadn#0 && (guest(0).kvm_notify_acked_irq.n#cursor == oadn#0 && guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == none)) || (guest(0).kvm_notify_acked_irq.n == oadn#1 && (guest(0).kvm_notify_acked_irq.n#cursor == oadn#1 && guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == none))))) || (guest(0).pc == atomic { && (((guest(0).kvm_notify_acked_irq.n == oadn#0 && (guest(0).kvm_notify_acked_irq.n#cursor == oadn#0 && guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == none)) || (guest(0).kvm_notify_acked_irq.n == oadn#1 && (guest(0).kvm_notify_acked_irq.n#cursor == oadn#1 && guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == none))))) || (guest(0).pc == foreach i in o.irqfds { && (((guest(0).kvm_notify_acked_irq.n == oadn#0 && (guest(0).kvm_notify_acked_irq.n#cursor == oadn#0 && guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == none)) || (guest(0).kvm_notify_acked_irq.n == oadn#1 && (guest(0).kvm_notify_acked_irq.n#cursor == oadn#1 && guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == none))))) || (guest(0).pc == atomic { && (((guest(0).kvm_notify_acked_irq.n == oadn#0 && (guest(0).kvm_notify_acked_irq.n#cursor == oadn#0 && ((guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == irqfd#0 || guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == irqfd#1)))) || (guest(0).kvm_notify_acked_irq.n == oadn#1 && (guest(0).kvm_notify_acked_irq.n#cursor == oadn#1 && ((guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == irqfd#0 || guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == irqfd#1))))))) || (guest(0).pc == foreach i in o.irqfds { && (((guest(0).kvm_notify_acked_irq.n == oadn#0 && (guest(0).kvm_notify_acked_irq.n#cursor == oadn#0 && ((guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == irqfd#0 || guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == irqfd#1)))) || (guest(0).kvm_notify_acked_irq.n == oadn#1 && (guest(0).kvm_notify_acked_irq.n#cursor == oadn#1 && ((guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == irqfd#0 || guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == irqfd#1)))))))))))))))))))))))))))
;   0 <= preempt_count[user(0)]@cur && 2 >= preempt_count[user(0)]@cur
;   0 <= preempt_count[user(1)]@cur && 2 >= preempt_count[user(1)]@cur
;   0 <= irqs_off[user(0)]@cur && 2 >= irqs_off[user(0)]@cur
;   0 <= irqs_off[user(1)]@cur && 2 >= irqs_off[user(1)]@cur
;   0 <= rcu_nesting[guest(0)]@cur && 2 >= rcu_nesting[guest(0)]@cur
;   255 <= kvm.irq_lock.owner@cur && 6 >= kvm.irq_lock.owner@cur
;   255 <= kvm.irq_ack_notifier_list.head@cur && 1 >= kvm.irq_ack_notifier_list.head@cur
;   255 <= kvm.irq_ack_notifier_list.next[oadn#0]@cur && 1 >= kvm.irq_ack_notifier_list.next[oadn#0]@cur
;   255 <= kvm.irq_ack_notifier_list.next[oadn#1]@cur && 1 >= kvm.irq_ack_notifier_list.next[oadn#1]@cur
;   255 <= irqfds_lock.owner@cur && 6 >= irqfds_lock.owner@cur
;   255 <= gsi_oadn[0]@cur && 1 >= gsi_oadn[0]@cur
;   255 <= fd_irqfd[0]@cur && 1 >= fd_irqfd[0]@cur
;   255 <= fd_irqfd[1]@cur && 1 >= fd_irqfd[1]@cur
;   0 <= irqfd#0.fd@cur && 1 >= irqfd#0.fd@cur
;   255 <= irqfd#0.oadn@cur && 1 >= irqfd#0.oadn@cur
;   0 <= irqfd#1.fd@cur && 1 >= irqfd#1.fd@cur
;   255 <= irqfd#1.oadn@cur && 1 >= irqfd#1.oadn@cur
;   0 <= oadn#0.gsi@cur && 0 >= oadn#0.gsi@cur
;   0 <= oadn#0.src@cur && 3 >= oadn#0.src@cur
;   255 <= oadn#0.irqfds.head@cur && 1 >= oadn#0.irqfds.head@cur
;   255 <= oadn#0.irqfds.next[irqfd#0]@cur && 1 >= oadn#0.irqfds.next[irqfd#0]@cur
;   255 <= oadn#0.irqfds.next[irqfd#1]@cur && 1 >= oadn#0.irqfds.next[irqfd#1]@cur
;   0 <= oadn#1.gsi@cur && 0 >= oadn#1.gsi@cur
;   0 <= oadn#1.src@cur && 3 >= oadn#1.src@cur
;   255 <= oadn#1.irqfds.head@cur && 1 >= oadn#1.irqfds.head@cur
;   255 <= oadn#1.irqfds.next[irqfd#0]@cur && 1 >= oadn#1.irqfds.next[irqfd#0]@cur
;   255 <= oadn#1.irqfds.next[irqfd#1]@cur && 1 >= oadn#1.irqfds.next[irqfd#1]@cur
;   0 <= device(0).pc@cur && 1 >= device(0).pc@cur
;   0 <= device(1).pc@cur && 1 >= device(1).pc@cur
;   0 <= inject_worker(0).pc@cur && 4 >= inject_worker(0).pc@cur
;   0 <= inject_worker(1).pc@cur && 4 >= inject_worker(1).pc@cur
;   0 <= user(0).pc@cur && 43 >= user(0).pc@cur
;   0 <= user(1).pc@cur && 43 >= user(1).pc@cur
;   255 <= inject_worker(0).run_work_of.irqfd_inject.i@cur && 1 >= inject_worker(0).run_work_of.irqfd_inject.i@cur
;   0 <= inject_worker(0).run_work_of.irqfd_inject.kvm_set_irq.src@cur && 3 >= inject_worker(0).run_work_of.irqfd_inject.kvm_set_irq.src@cur
;   255 <= inject_worker(1).run_work_of.irqfd_inject.i@cur && 1 >= inject_worker(1).run_work_of.irqfd_inject.i@cur
;   0 <= inject_worker(1).run_work_of.irqfd_inject.kvm_set_irq.src@cur && 3 >= inject_worker(1).run_work_of.irqfd_inject.kvm_set_irq.src@cur
;   0 <= guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.src@cur && 3 >= guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.src@cur
;   0 <= guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.gsi@cur && 0 >= guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.gsi@cur
;   0 <= guest(0).kvm_notify_acked_irq.oadn_acked.i#2@cur && 1 >= guest(0).kvm_notify_acked_irq.oadn_acked.i#2@cur
;   0 <= guest(0).kvm_notify_acked_irq.oadn_acked.fd@cur && 1 >= guest(0).kvm_notify_acked_irq.oadn_acked.fd@cur
;   0 <= user(0).i@cur && 1 >= user(0).i@cur
;   0 <= user(0).n@cur && 1 >= user(0).n@cur
;   0 <= user(0).o@cur && 1 >= user(0).o@cur
;   0 <= user(0).src@cur && 3 >= user(0).src@cur
;   0 <= user(0).kvm_request_irq_source_id.i@cur && 3 >= user(0).kvm_request_irq_source_id.i@cur
;   0 <= user(0).found@cur && 1 >= user(0).found@cur
;   0 <= user(0).kvm_set_irq.src@cur && 3 >= user(0).kvm_set_irq.src@cur
;   0 <= user(0).kvm_set_irq.gsi@cur && 0 >= user(0).kvm_set_irq.gsi@cur
;   0 <= user(0).kvm_free_irq_source_id.id@cur && 3 >= user(0).kvm_free_irq_source_id.id@cur
;   0 <= user(1).i@cur && 1 >= user(1).i@cur
;   0 <= user(1).n@cur && 1 >= user(1).n@cur
;   0 <= user(1).o@cur && 1 >= user(1).o@cur
;   0 <= user(1).src@cur && 3 >= user(1).src@cur
;   0 <= user(1).kvm_request_irq_source_id.i@cur && 3 >= user(1).kvm_request_irq_source_id.i@cur
;   0 <= user(1).found@cur && 1 >= user(1).found@cur
;   0 <= user(1).kvm_set_irq.src@cur && 3 >= user(1).kvm_set_irq.src@cur
;   0 <= user(1).kvm_set_irq.gsi@cur && 0 >= user(1).kvm_set_irq.gsi@cur
;   0 <= user(1).kvm_free_irq_source_id.id@cur && 3 >= user(1).kvm_free_irq_source_id.id@cur
(set-logic QF_BV)
(set-info :status unknown)
(declare-fun |user(1).kvm_free_irq_source_id.id| () (_ BitVec 8))
(declare-fun |user(1).kvm_set_irq.gsi| () (_ BitVec 8))
(declare-fun |user(1).kvm_set_irq.src| () (_ BitVec 8))
(declare-fun |user(1).found| () (_ BitVec 8))
(declare-fun |user(1).kvm_request_irq_source_id.i| () (_ BitVec 8))
(declare-fun |user(1).src| () (_ BitVec 8))
(declare-fun |user(1).o| () (_ BitVec 8))
(declare-fun |user(1).n| () (_ BitVec 8))
(declare-fun |user(1).i| () (_ BitVec 8))
(declare-fun |user(0).kvm_free_irq_source_id.id| () (_ BitVec 8))
(declare-fun |user(0).kvm_set_irq.gsi| () (_ BitVec 8))
(declare-fun |user(0).kvm_set_irq.src| () (_ BitVec 8))
(declare-fun |user(0).found| () (_ BitVec 8))
(declare-fun |user(0).kvm_request_irq_source_id.i| () (_ BitVec 8))
(declare-fun |user(0).src| () (_ BitVec 8))
(declare-fun |user(0).o| () (_ BitVec 8))
(declare-fun |user(0).n| () (_ BitVec 8))
(declare-fun |user(0).i| () (_ BitVec 8))
(declare-fun |guest(0).kvm_notify_acked_irq.oadn_acked.fd| () (_ BitVec 8))
(declare-fun |guest(0).kvm_notify_acked_irq.oadn_acked.i#2| () (_ BitVec 8))
(declare-fun |guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.gsi| () (_ BitVec 8))
(declare-fun |guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.src| () (_ BitVec 8))
(declare-fun |inject_worker(1).run_work_of.irqfd_inject.kvm_set_irq.src| () (_ BitVec 8))
(declare-fun |inject_worker(1).run_work_of.irqfd_inject.i| () (_ BitVec 8))
(declare-fun |inject_worker(0).run_work_of.irqfd_inject.kvm_set_irq.src| () (_ BitVec 8))
(declare-fun |inject_worker(0).run_work_of.irqfd_inject.i| () (_ BitVec 8))
(declare-fun |user(1).pc| () (_ BitVec 8))
(declare-fun |user(0).pc| () (_ BitVec 8))
(declare-fun |inject_worker(1).pc| () (_ BitVec 8))
(declare-fun |inject_worker(0).pc| () (_ BitVec 8))
(declare-fun |device(1).pc| () (_ BitVec 8))
(declare-fun |device(0).pc| () (_ BitVec 8))
(declare-fun |oadn#1.irqfds.next[irqfd#1]| () (_ BitVec 8))
(declare-fun |oadn#1.irqfds.next[irqfd#0]| () (_ BitVec 8))
(declare-fun |oadn#1.irqfds.head| () (_ BitVec 8))
(declare-fun |oadn#1.src| () (_ BitVec 8))
(declare-fun |oadn#1.gsi| () (_ BitVec 8))
(declare-fun |oadn#0.irqfds.next[irqfd#1]| () (_ BitVec 8))
(declare-fun |oadn#0.irqfds.next[irqfd#0]| () (_ BitVec 8))
(declare-fun |oadn#0.irqfds.head| () (_ BitVec 8))
(declare-fun |oadn#0.src| () (_ BitVec 8))
(declare-fun |oadn#0.gsi| () (_ BitVec 8))
(declare-fun |irqfd#1.oadn| () (_ BitVec 8))
(declare-fun |irqfd#1.fd| () (_ BitVec 8))
(declare-fun |irqfd#0.oadn| () (_ BitVec 8))
(declare-fun |irqfd#0.fd| () (_ BitVec 8))
(declare-fun |fd_irqfd[1]| () (_ BitVec 8))
(declare-fun |fd_irqfd[0]| () (_ BitVec 8))
(declare-fun |gsi_oadn[0]| () (_ BitVec 8))
(declare-fun irqfds_lock.owner () (_ BitVec 8))
(declare-fun |kvm.irq_ack_notifier_list.next[oadn#1]| () (_ BitVec 8))
(declare-fun |kvm.irq_ack_notifier_list.next[oadn#0]| () (_ BitVec 8))
(declare-fun kvm.irq_ack_notifier_list.head () (_ BitVec 8))
(declare-fun kvm.irq_lock.owner () (_ BitVec 8))
(declare-fun |rcu_nesting[guest(0)]| () (_ BitVec 8))
(declare-fun |irqs_off[user(1)]| () (_ BitVec 8))
(declare-fun |irqs_off[user(0)]| () (_ BitVec 8))
(declare-fun |preempt_count[user(1)]| () (_ BitVec 8))
(declare-fun |preempt_count[user(0)]| () (_ BitVec 8))
(declare-fun |guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor| () (_ BitVec 8))
(declare-fun |guest(0).kvm_notify_acked_irq.n#cursor| () (_ BitVec 8))
(declare-fun |guest(0).kvm_notify_acked_irq.n| () (_ BitVec 8))
(declare-fun |guest(0).pc| () (_ BitVec 8))
(declare-fun |oadn#1.irqfds.poisoned| () (_ BitVec 2))
(declare-fun |oadn#0.irqfds.poisoned| () (_ BitVec 2))
(declare-fun kvm.irq_ack_notifier_list.poisoned () (_ BitVec 2))
(declare-fun |rcu_nesting[user(1)]| () (_ BitVec 8))
(declare-fun |rcu_nesting[user(0)]| () (_ BitVec 8))
(declare-fun |rcu_nesting[inject_worker(1)]| () (_ BitVec 8))
(declare-fun |rcu_nesting[inject_worker(0)]| () (_ BitVec 8))
(declare-fun |rcu_nesting[device(1)]| () (_ BitVec 8))
(declare-fun |rcu_nesting[device(0)]| () (_ BitVec 8))
(declare-fun |irqs_off[guest(0)]| () (_ BitVec 8))
(declare-fun |irqs_off[inject_worker(1)]| () (_ BitVec 8))
(declare-fun |irqs_off[inject_worker(0)]| () (_ BitVec 8))
(declare-fun |irqs_off[device(1)]| () (_ BitVec 8))
(declare-fun |irqs_off[device(0)]| () (_ BitVec 8))
(declare-fun |preempt_count[guest(0)]| () (_ BitVec 8))
(declare-fun |preempt_count[inject_worker(1)]| () (_ BitVec 8))
(declare-fun |preempt_count[inject_worker(0)]| () (_ BitVec 8))
(declare-fun |preempt_count[device(1)]| () (_ BitVec 8))
(declare-fun |preempt_count[device(0)]| () (_ BitVec 8))
(assert
 (let (($x648 (bvsle (_ bv0 8) |user(1).kvm_free_irq_source_id.id|)))
(let (($x651 (bvsle (_ bv0 8) |user(1).kvm_set_irq.gsi|)))
(let (($x654 (bvsle (_ bv0 8) |user(1).kvm_set_irq.src|)))
(let (($x660 (bvsle (_ bv0 8) |user(1).kvm_request_irq_source_id.i|)))
(let (($x675 (bvsle (_ bv0 8) |user(0).kvm_free_irq_source_id.id|)))
(let (($x678 (bvsle (_ bv0 8) |user(0).kvm_set_irq.gsi|)))
(let (($x681 (bvsle (_ bv0 8) |user(0).kvm_set_irq.src|)))
(let (($x687 (bvsle (_ bv0 8) |user(0).kvm_request_irq_source_id.i|)))
(let (($x702 (bvsle (_ bv0 8) |guest(0).kvm_notify_acked_irq.oadn_acked.fd|)))
(let (($x705 (bvsle (_ bv0 8) |guest(0).kvm_notify_acked_irq.oadn_acked.i#2|)))
(let (($x708 (bvsle (_ bv0 8) |guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.gsi|)))
(let (($x709 (and $x708 (bvsge (_ bv0 8) |guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.gsi|))))
(let (($x711 (bvsle (_ bv0 8) |guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.src|)))
(let (($x712 (and $x711 (bvsge (_ bv3 8) |guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.src|))))
(let (($x714 (bvsle (_ bv0 8) |inject_worker(1).run_work_of.irqfd_inject.kvm_set_irq.src|)))
(let (($x715 (and $x714 (bvsge (_ bv3 8) |inject_worker(1).run_work_of.irqfd_inject.kvm_set_irq.src|))))
(let (($x717 (bvsle (_ bv255 8) |inject_worker(1).run_work_of.irqfd_inject.i|)))
(let (($x720 (bvsle (_ bv0 8) |inject_worker(0).run_work_of.irqfd_inject.kvm_set_irq.src|)))
(let (($x721 (and $x720 (bvsge (_ bv3 8) |inject_worker(0).run_work_of.irqfd_inject.kvm_set_irq.src|))))
(let (($x723 (bvsle (_ bv255 8) |inject_worker(0).run_work_of.irqfd_inject.i|)))
(let (($x732 (bvsle (_ bv0 8) |inject_worker(1).pc|)))
(let (($x735 (bvsle (_ bv0 8) |inject_worker(0).pc|)))
(let (($x744 (bvsle (_ bv255 8) |oadn#1.irqfds.next[irqfd#1]|)))
(let (($x747 (bvsle (_ bv255 8) |oadn#1.irqfds.next[irqfd#0]|)))
(let (($x759 (bvsle (_ bv255 8) |oadn#0.irqfds.next[irqfd#1]|)))
(let (($x762 (bvsle (_ bv255 8) |oadn#0.irqfds.next[irqfd#0]|)))
(let (($x798 (bvsle (_ bv255 8) |kvm.irq_ack_notifier_list.next[oadn#1]|)))
(let (($x801 (bvsle (_ bv255 8) |kvm.irq_ack_notifier_list.next[oadn#0]|)))
(let (($x804 (bvsle (_ bv255 8) kvm.irq_ack_notifier_list.head)))
(let (($x810 (bvsle (_ bv0 8) |rcu_nesting[guest(0)]|)))
(let (($x819 (bvsle (_ bv0 8) |preempt_count[user(1)]|)))
(let (($x822 (bvsle (_ bv0 8) |preempt_count[user(0)]|)))
(let (($x826 (or (= (_ bv0 8) |guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor|) (= (_ bv1 8) |guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor|))))
(let (($x827 (= (_ bv1 8) |guest(0).kvm_notify_acked_irq.n#cursor|)))
(let (($x829 (= (_ bv1 8) |guest(0).kvm_notify_acked_irq.n|)))
(let (($x833 (= (_ bv0 8) |guest(0).kvm_notify_acked_irq.n|)))
(let (($x835 (or (and $x833 (and (= (_ bv0 8) |guest(0).kvm_notify_acked_irq.n#cursor|) $x826)) (and $x829 (and $x827 $x826)))))
(let (($x842 (and $x829 (and $x827 (= (_ bv255 8) |guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor|)))))
(let (($x840 (= (_ bv255 8) |guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor|)))
(let (($x831 (= (_ bv0 8) |guest(0).kvm_notify_acked_irq.n#cursor|)))
(let (($x845 (or (and $x833 (and $x831 $x840)) $x842)))
(let (($x853 (and (= (_ bv255 8) |guest(0).kvm_notify_acked_irq.n#cursor|) $x840)))
(let (($x855 (and $x833 $x853)))
(let (($x856 (or $x855 (and $x829 $x853))))
(let (($x869 (or (and (= (_ bv1 8) |guest(0).pc|) $x855) (and (= (_ bv2 8) |guest(0).pc|) $x856) (and (= (_ bv3 8) |guest(0).pc|) $x856) (and (= (_ bv4 8) |guest(0).pc|) $x856) (and (= (_ bv5 8) |guest(0).pc|) $x845) (and (= (_ bv6 8) |guest(0).pc|) $x856) (and (= (_ bv7 8) |guest(0).pc|) $x845) (and (= (_ bv8 8) |guest(0).pc|) $x845) (and (= (_ bv9 8) |guest(0).pc|) $x845) (and (= (_ bv10 8) |guest(0).pc|) $x835) (and (= (_ bv11 8) |guest(0).pc|) $x835))))
(let (($x873 (and (= (_ bv0 2) |oadn#0.irqfds.poisoned|) (and (= (_ bv0 2) |oadn#1.irqfds.poisoned|) $x869))))
(let (($x877 (and (= (_ bv0 8) |rcu_nesting[user(1)]|) (and (= (_ bv0 2) kvm.irq_ack_notifier_list.poisoned) $x873))))
(let (($x881 (and (= (_ bv0 8) |rcu_nesting[inject_worker(1)]|) (and (= (_ bv0 8) |rcu_nesting[user(0)]|) $x877))))
(let (($x885 (and (= (_ bv0 8) |rcu_nesting[device(1)]|) (and (= (_ bv0 8) |rcu_nesting[inject_worker(0)]|) $x881))))
(let (($x889 (and (= (_ bv0 8) |irqs_off[guest(0)]|) (and (= (_ bv0 8) |rcu_nesting[device(0)]|) $x885))))
(let (($x893 (and (= (_ bv0 8) |irqs_off[inject_worker(0)]|) (and (= (_ bv0 8) |irqs_off[inject_worker(1)]|) $x889))))
(let (($x897 (and (= (_ bv0 8) |irqs_off[device(0)]|) (and (= (_ bv0 8) |irqs_off[device(1)]|) $x893))))
(let (($x901 (and (= (_ bv0 8) |preempt_count[inject_worker(1)]|) (and (= (_ bv0 8) |preempt_count[guest(0)]|) $x897))))
(let (($x905 (and (= (_ bv0 8) |preempt_count[device(1)]|) (and (= (_ bv0 8) |preempt_count[inject_worker(0)]|) $x901))))
(and (and (= (_ bv0 8) |preempt_count[device(0)]|) $x905) (and $x822 (bvsge (_ bv2 8) |preempt_count[user(0)]|)) (and $x819 (bvsge (_ bv2 8) |preempt_count[user(1)]|)) (and (bvsle (_ bv0 8) |irqs_off[user(0)]|) (bvsge (_ bv2 8) |irqs_off[user(0)]|)) (and (bvsle (_ bv0 8) |irqs_off[user(1)]|) (bvsge (_ bv2 8) |irqs_off[user(1)]|)) (and $x810 (bvsge (_ bv2 8) |rcu_nesting[guest(0)]|)) (and (bvsle (_ bv255 8) kvm.irq_lock.owner) (bvsge (_ bv6 8) kvm.irq_lock.owner)) (and $x804 (bvsge (_ bv1 8) kvm.irq_ack_notifier_list.head)) (and $x801 (bvsge (_ bv1 8) |kvm.irq_ack_notifier_list.next[oadn#0]|)) (and $x798 (bvsge (_ bv1 8) |kvm.irq_ack_notifier_list.next[oadn#1]|)) (and (bvsle (_ bv255 8) irqfds_lock.owner) (bvsge (_ bv6 8) irqfds_lock.owner)) (and (bvsle (_ bv255 8) |gsi_oadn[0]|) (bvsge (_ bv1 8) |gsi_oadn[0]|)) (and (bvsle (_ bv255 8) |fd_irqfd[0]|) (bvsge (_ bv1 8) |fd_irqfd[0]|)) (and (bvsle (_ bv255 8) |fd_irqfd[1]|) (bvsge (_ bv1 8) |fd_irqfd[1]|)) (and (bvsle (_ bv0 8) |irqfd#0.fd|) (bvsge (_ bv1 8) |irqfd#0.fd|)) (and (bvsle (_ bv255 8) |irqfd#0.oadn|) (bvsge (_ bv1 8) |irqfd#0.oadn|)) (and (bvsle (_ bv0 8) |irqfd#1.fd|) (bvsge (_ bv1 8) |irqfd#1.fd|)) (and (bvsle (_ bv255 8) |irqfd#1.oadn|) (bvsge (_ bv1 8) |irqfd#1.oadn|)) (and (bvsle (_ bv0 8) |oadn#0.gsi|) (bvsge (_ bv0 8) |oadn#0.gsi|)) (and (bvsle (_ bv0 8) |oadn#0.src|) (bvsge (_ bv3 8) |oadn#0.src|)) (and (bvsle (_ bv255 8) |oadn#0.irqfds.head|) (bvsge (_ bv1 8) |oadn#0.irqfds.head|)) (and $x762 (bvsge (_ bv1 8) |oadn#0.irqfds.next[irqfd#0]|)) (and $x759 (bvsge (_ bv1 8) |oadn#0.irqfds.next[irqfd#1]|)) (and (bvsle (_ bv0 8) |oadn#1.gsi|) (bvsge (_ bv0 8) |oadn#1.gsi|)) (and (bvsle (_ bv0 8) |oadn#1.src|) (bvsge (_ bv3 8) |oadn#1.src|)) (and (bvsle (_ bv255 8) |oadn#1.irqfds.head|) (bvsge (_ bv1 8) |oadn#1.irqfds.head|)) (and $x747 (bvsge (_ bv1 8) |oadn#1.irqfds.next[irqfd#0]|)) (and $x744 (bvsge (_ bv1 8) |oadn#1.irqfds.next[irqfd#1]|)) (and (bvsle (_ bv0 8) |device(0).pc|) (bvsge (_ bv1 8) |device(0).pc|)) (and (bvsle (_ bv0 8) |device(1).pc|) (bvsge (_ bv1 8) |device(1).pc|)) (and $x735 (bvsge (_ bv4 8) |inject_worker(0).pc|)) (and $x732 (bvsge (_ bv4 8) |inject_worker(1).pc|)) (and (bvsle (_ bv0 8) |user(0).pc|) (bvsge (_ bv43 8) |user(0).pc|)) (and (bvsle (_ bv0 8) |user(1).pc|) (bvsge (_ bv43 8) |user(1).pc|)) (and $x723 (bvsge (_ bv1 8) |inject_worker(0).run_work_of.irqfd_inject.i|)) $x721 (and $x717 (bvsge (_ bv1 8) |inject_worker(1).run_work_of.irqfd_inject.i|)) $x715 $x712 $x709 (and $x705 (bvsge (_ bv1 8) |guest(0).kvm_notify_acked_irq.oadn_acked.i#2|)) (and $x702 (bvsge (_ bv1 8) |guest(0).kvm_notify_acked_irq.oadn_acked.fd|)) (and (bvsle (_ bv0 8) |user(0).i|) (bvsge (_ bv1 8) |user(0).i|)) (and (bvsle (_ bv0 8) |user(0).n|) (bvsge (_ bv1 8) |user(0).n|)) (and (bvsle (_ bv0 8) |user(0).o|) (bvsge (_ bv1 8) |user(0).o|)) (and (bvsle (_ bv0 8) |user(0).src|) (bvsge (_ bv3 8) |user(0).src|)) (and $x687 (bvsge (_ bv3 8) |user(0).kvm_request_irq_source_id.i|)) (and (bvsle (_ bv0 8) |user(0).found|) (bvsge (_ bv1 8) |user(0).found|)) (and $x681 (bvsge (_ bv3 8) |user(0).kvm_set_irq.src|)) (and $x678 (bvsge (_ bv0 8) |user(0).kvm_set_irq.gsi|)) (and $x675 (bvsge (_ bv3 8) |user(0).kvm_free_irq_source_id.id|)) (and (bvsle (_ bv0 8) |user(1).i|) (bvsge (_ bv1 8) |user(1).i|)) (and (bvsle (_ bv0 8) |user(1).n|) (bvsge (_ bv1 8) |user(1).n|)) (and (bvsle (_ bv0 8) |user(1).o|) (bvsge (_ bv1 8) |user(1).o|)) (and (bvsle (_ bv0 8) |user(1).src|) (bvsge (_ bv3 8) |user(1).src|)) (and $x660 (bvsge (_ bv3 8) |user(1).kvm_request_irq_source_id.i|)) (and (bvsle (_ bv0 8) |user(1).found|) (bvsge (_ bv1 8) |user(1).found|)) (and $x654 (bvsge (_ bv3 8) |user(1).kvm_set_irq.src|)) (and $x651 (bvsge (_ bv0 8) |user(1).kvm_set_irq.gsi|)) (and $x648 (bvsge (_ bv3 8) |user(1).kvm_free_irq_source_id.id|))))))))))))))))))))))))))))))))))))))))))))))))))))))))))
