; irqverify certificate
; {"format": 1, "spec": "spec/oadn_irqlock.irq", "spec_hash": "sha256:95d3c119714d92463301401e72d09a21ddce9878c42164a4580022737ce0ab18", "variant": "sync_under_spinlock", "property": "list_corruption", "engine": "localization", "k": 1, "encoding": "bv", "tool": "irqverify 0.1.0", "overrides": {}}
;
; The invariant in the spec's names (informative; the assertion below is what is checked):
;   preempt_count[device(0)] == 0 && (preempt_count[device(1)] == 0 && (preempt_count[inject_worker(0)] == 0 && (preempt_count[inject_worker(1)] == 0 && (preempt_count[guest(0)] == 0 && (irqs_off[device(0)] == 0 && (irqs_off[device(1)] == 0 && (irqs_off[inject_worker(0)] == 0 && (irqs_off[inject_worker(1)] == 0 && (irqs_off[guest(0)] == 0 && (bh_off[device(0)] == 0 && (bh_off[device(1)] == 0 && (bh_off[inject_worker(0)] == 0 && (bh_off[inject_worker(1)] == 0 && (bh_off[guest(0)] == 0 && (bh_off[user(0)] == 0 && (bh_off[user(1)] == 0 && (rcu_nesting[device(0)] == 0 && (rcu_nesting[device(1)] == 0 && (rcu_nesting[inject_worker(0)] == 0 && (rcu_nesting[inject_worker(1)] == 0 && (rcu_nesting[user(0)] == 0 && (rcu_nesting[user(1)] == 0 && (hardirq_running[device(0)] == false && (hardirq_running[device(1)] == false && (hardirq_running[inject_worker(0)] == false && (hardirq_running[inject_worker(1)] == false && (hardirq_running[guest(0)] == false && (hardirq_running[user(0)] == false && (hardirq_running[user(1)] == false && (softirq_running[device(0)] == false && (softirq_running[device(1)] == false && (softirq_running[inject_worker(0)] == false && (softirq_running[inject_worker(1)] == false && (softirq_running[guest(0)] == false && (softirq_running[user(0)] == false && (softirq_running[user(1)] == false && (rcu_callbacks_pending == 0 && (srcu_callbacks_pending == 0 && (kvm.irq_ack_notifier_list.poisoned == {} && (oadn#0.irqfds.poisoned == {} && (oadn#1.irqfds.poisoned == {} && (((guest(0).pc == loop { && (guest(0).kvm_notify_acked_irq.n == oadn#0 && (guest(0).kvm_notify_acked_irq.n#cursor == none && guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == none))) || (guest(0).pc == rcu_nesting[self] += 1; && (((guest(0).kvm_notify_acked_irq.n == oadn#0 && (guest(0).kvm_notify_acked_irq.n#cursor == none && guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == none)) || (guest(0).kvm_notify_acked_irq.n == oadn#1 && (guest(0).kvm_notify_acked_irq.n#cursor == none && guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == none))))) || (guest(0).pc == foreach n in kvm.irq_ack_notifier_list { && (((guest(0).kvm_notify_acked_irq.n == oadn#0 && (guest(0).kvm_notify_acked_irq.n#cursor == none && guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == none)) || (guest(0).kvm_notify_acked_irq.n == oadn#1 && (guest(0).kvm_notify_acked_irq.n#cursor == none && guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == none))))) || (guest(0).pc == atomic { && (((guest(0).kvm_notify_acked_irq.n == oadn#0 && (guest(0).kvm_notify_acked_irq.n#cursor == none && guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == none)) || (guest(0).kvm_notify_acked_irq.n == oadn#1 && (guest(0).kvm_notify_acked_irq.n#cursor == none && guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == none))))) || (guest(0).pc == if n.gsi == gsi { && (((guest(0).kvm_notify_acked_irq.n == oadn#0 && (guest(0).kvm_notify_acked_irq.n#cursor == oadn#0 && guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == none)) || (guest(0).kvm_notify_acked_irq.n == oadn#1 && (guest(0).kvm_notify_acked_irq.n#cursor == oadn#1 && guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == none))))) || (guest(0).pc == atomic { && (((guest(0).kvm_notify_acked_irq.n == oadn#0 && (guest(0).kvm_notify_acked_irq.n#cursor == none && guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == none)) || (guest(0).kvm_notify_acked_irq.n == oadn#1 && (guest(0).kvm_notify_acked_irq.n#cursor == none && guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == none))))) || (guest(0).pc == foreach n in kvm.irq_ack_notifier_list { && (((guest(0).kvm_notify_acked_irq.n == oadn#0 && (guest(0).kvm_notify_acked_irq.n#cursor == oadn#0 && guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == none)) || (guest(0).kvm_notify_acked_irq.n == oadn#1 && (guest(0).kvm_notify_acked_irq.n#cursor == oadn#1 && guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == none))))) || (guest(0).pc == atomic { && (((guest(0).kvm_notify_acked_irq.n == oadn#0 && (guest(0).kvm_notify_acked_irq.n#cursor == oadn#0 && guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == none)) || (guest(0).kvm_notify_acked_irq.n == oadn#1 && (guest(0).kvm_notify_acked_irq.n#cursor == oadn#1 && guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == none))))) || (guest(0).pc == foreach i in o.irqfds { && (((guest(0).kvm_notify_acked_irq.n == oadn#0 && (guest(0).kvm_notify_acked_irq.n#cursor == oadn#0 && guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == none)) || (guest(0).kvm_notify_acked_irq.n == oadn#1 && (guest(0).kvm_notify_acked_irq.n#cursor == oadn#1 && guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == none))))) || (guest(0).pc == atomic { && (((guest(0).kvm_notify_acked_irq.n == oadn#0 && (guest(0).kvm_notify_acked_irq.n#cursor == oadn#0 && ((guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == irqfd#0 || guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == irqfd#1)))) || (guest(0).kvm_notify_acked_irq.n == oadn#1 && (guest(0).kvm_notify_acked_irq.n#cursor == oadn#1 && ((guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == irqfd#0 || guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == irqfd#1))))))) || (guest(0).pc == foreach i in o.irqfds { && (((guest(0).kvm_notify_acked_irq.n == oadn#0 && (guest(0).kvm_notify_acked_irq.n#cursor == oadn#0 && ((guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == irqfd#0 || guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == irqfd#1)))) || (guest(0).kvm_notify_acked_irq.n == oadn#1 && (guest(0).kvm_notify_acked_irq.n#cursor == oadn#1 && ((guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == irqfd#0 || guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor == irqfd#1))))))))))))))))))))))))))))))))))))))))))))))))))
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
;   0 <= user(0).pc@cur && 41 >= user(0).pc@cur
;   0 <= user(1).pc@cur && 41 >= user(1).pc@cur
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
(declare-fun srcu_callbacks_pending () (_ BitVec 8))
(declare-fun rcu_callbacks_pending () (_ BitVec 8))
(declare-fun |softirq_running[user(1)]| () Bool)
(declare-fun |softirq_running[user(0)]| () Bool)
(declare-fun |softirq_running[guest(0)]| () Bool)
(declare-fun |softirq_running[inject_worker(1)]| () Bool)
(declare-fun |softirq_running[inject_worker(0)]| () Bool)
(declare-fun |softirq_running[device(1)]| () Bool)
(declare-fun |softirq_running[device(0)]| () Bool)
(declare-fun |hardirq_running[user(1)]| () Bool)
(declare-fun |hardirq_running[user(0)]| () Bool)
(declare-fun |hardirq_running[guest(0)]| () Bool)
(declare-fun |hardirq_running[inject_worker(1)]| () Bool)
(declare-fun |hardirq_running[inject_worker(0)]| () Bool)
(declare-fun |hardirq_running[device(1)]| () Bool)
(declare-fun |hardirq_running[device(0)]| () Bool)
(declare-fun |rcu_nesting[user(1)]| () (_ BitVec 8))
(declare-fun |rcu_nesting[user(0)]| () (_ BitVec 8))
(declare-fun |rcu_nesting[inject_worker(1)]| () (_ BitVec 8))
(declare-fun |rcu_nesting[inject_worker(0)]| () (_ BitVec 8))
(declare-fun |rcu_nesting[device(1)]| () (_ BitVec 8))
(declare-fun |rcu_nesting[device(0)]| () (_ BitVec 8))
(declare-fun |bh_off[user(1)]| () (_ BitVec 8))
(declare-fun |bh_off[user(0)]| () (_ BitVec 8))
(declare-fun |bh_off[guest(0)]| () (_ BitVec 8))
(declare-fun |bh_off[inject_worker(1)]| () (_ BitVec 8))
(declare-fun |bh_off[inject_worker(0)]| () (_ BitVec 8))
(declare-fun |bh_off[device(1)]| () (_ BitVec 8))
(declare-fun |bh_off[device(0)]| () (_ BitVec 8))
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
 (let (($x763 (bvsle (_ bv0 8) |user(1).kvm_free_irq_source_id.id|)))
(let (($x766 (bvsle (_ bv0 8) |user(1).kvm_set_irq.gsi|)))
(let (($x769 (bvsle (_ bv0 8) |user(1).kvm_set_irq.src|)))
(let (($x775 (bvsle (_ bv0 8) |user(1).kvm_request_irq_source_id.i|)))
(let (($x790 (bvsle (_ bv0 8) |user(0).kvm_free_irq_source_id.id|)))
(let (($x793 (bvsle (_ bv0 8) |user(0).kvm_set_irq.gsi|)))
(let (($x796 (bvsle (_ bv0 8) |user(0).kvm_set_irq.src|)))
(let (($x802 (bvsle (_ bv0 8) |user(0).kvm_request_irq_source_id.i|)))
(let (($x817 (bvsle (_ bv0 8) |guest(0).kvm_notify_acked_irq.oadn_acked.fd|)))
(let (($x820 (bvsle (_ bv0 8) |guest(0).kvm_notify_acked_irq.oadn_acked.i#2|)))
(let (($x823 (bvsle (_ bv0 8) |guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.gsi|)))
(let (($x824 (and $x823 (bvsge (_ bv0 8) |guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.gsi|))))
(let (($x826 (bvsle (_ bv0 8) |guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.src|)))
(let (($x827 (and $x826 (bvsge (_ bv3 8) |guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.src|))))
(let (($x829 (bvsle (_ bv0 8) |inject_worker(1).run_work_of.irqfd_inject.kvm_set_irq.src|)))
(let (($x830 (and $x829 (bvsge (_ bv3 8) |inject_worker(1).run_work_of.irqfd_inject.kvm_set_irq.src|))))
(let (($x832 (bvsle (_ bv255 8) |inject_worker(1).run_work_of.irqfd_inject.i|)))
(let (($x835 (bvsle (_ bv0 8) |inject_worker(0).run_work_of.irqfd_inject.kvm_set_irq.src|)))
(let (($x836 (and $x835 (bvsge (_ bv3 8) |inject_worker(0).run_work_of.irqfd_inject.kvm_set_irq.src|))))
(let (($x838 (bvsle (_ bv255 8) |inject_worker(0).run_work_of.irqfd_inject.i|)))
(let (($x847 (bvsle (_ bv0 8) |inject_worker(1).pc|)))
(let (($x850 (bvsle (_ bv0 8) |inject_worker(0).pc|)))
(let (($x859 (bvsle (_ bv255 8) |oadn#1.irqfds.next[irqfd#1]|)))
(let (($x862 (bvsle (_ bv255 8) |oadn#1.irqfds.next[irqfd#0]|)))
(let (($x874 (bvsle (_ bv255 8) |oadn#0.irqfds.next[irqfd#1]|)))
(let (($x877 (bvsle (_ bv255 8) |oadn#0.irqfds.next[irqfd#0]|)))
(let (($x913 (bvsle (_ bv255 8) |kvm.irq_ack_notifier_list.next[oadn#1]|)))
(let (($x916 (bvsle (_ bv255 8) |kvm.irq_ack_notifier_list.next[oadn#0]|)))
(let (($x919 (bvsle (_ bv255 8) kvm.irq_ack_notifier_list.head)))
(let (($x925 (bvsle (_ bv0 8) |rcu_nesting[guest(0)]|)))
(let (($x934 (bvsle (_ bv0 8) |preempt_count[user(1)]|)))
(let (($x937 (bvsle (_ bv0 8) |preempt_count[user(0)]|)))
(let (($x941 (or (= (_ bv0 8) |guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor|) (= (_ bv1 8) |guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor|))))
(let (($x942 (= (_ bv1 8) |guest(0).kvm_notify_acked_irq.n#cursor|)))
(let (($x944 (= (_ bv1 8) |guest(0).kvm_notify_acked_irq.n|)))
(let (($x948 (= (_ bv0 8) |guest(0).kvm_notify_acked_irq.n|)))
(let (($x950 (or (and $x948 (and (= (_ bv0 8) |guest(0).kvm_notify_acked_irq.n#cursor|) $x941)) (and $x944 (and $x942 $x941)))))
(let (($x957 (and $x944 (and $x942 (= (_ bv255 8) |guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor|)))))
(let (($x955 (= (_ bv255 8) |guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor|)))
(let (($x946 (= (_ bv0 8) |guest(0).kvm_notify_acked_irq.n#cursor|)))
(let (($x960 (or (and $x948 (and $x946 $x955)) $x957)))
(let (($x968 (and (= (_ bv255 8) |guest(0).kvm_notify_acked_irq.n#cursor|) $x955)))
(let (($x970 (and $x948 $x968)))
(let (($x971 (or $x970 (and $x944 $x968))))
(let (($x984 (or (and (= (_ bv1 8) |guest(0).pc|) $x970) (and (= (_ bv2 8) |guest(0).pc|) $x971) (and (= (_ bv3 8) |guest(0).pc|) $x971) (and (= (_ bv4 8) |guest(0).pc|) $x971) (and (= (_ bv5 8) |guest(0).pc|) $x960) (and (= (_ bv6 8) |guest(0).pc|) $x971) (and (= (_ bv7 8) |guest(0).pc|) $x960) (and (= (_ bv8 8) |guest(0).pc|) $x960) (and (= (_ bv9 8) |guest(0).pc|) $x960) (and (= (_ bv10 8) |guest(0).pc|) $x950) (and (= (_ bv11 8) |guest(0).pc|) $x950))))
(let (($x988 (and (= (_ bv0 2) |oadn#0.irqfds.poisoned|) (and (= (_ bv0 2) |oadn#1.irqfds.poisoned|) $x984))))
(let (($x992 (and (= (_ bv0 8) srcu_callbacks_pending) (and (= (_ bv0 2) kvm.irq_ack_notifier_list.poisoned) $x988))))
(let (($x996 (and (= |softirq_running[user(1)]| false) (and (= (_ bv0 8) rcu_callbacks_pending) $x992))))
(let (($x1000 (and (= |softirq_running[guest(0)]| false) (and (= |softirq_running[user(0)]| false) $x996))))
(let (($x1004 (and (= |softirq_running[inject_worker(0)]| false) (and (= |softirq_running[inject_worker(1)]| false) $x1000))))
(let (($x1008 (and (= |softirq_running[device(0)]| false) (and (= |softirq_running[device(1)]| false) $x1004))))
(let (($x1012 (and (= |hardirq_running[user(0)]| false) (and (= |hardirq_running[user(1)]| false) $x1008))))
(let (($x1016 (and (= |hardirq_running[inject_worker(1)]| false) (and (= |hardirq_running[guest(0)]| false) $x1012))))
(let (($x1020 (and (= |hardirq_running[device(1)]| false) (and (= |hardirq_running[inject_worker(0)]| false) $x1016))))
(let (($x1024 (and (= (_ bv0 8) |rcu_nesting[user(1)]|) (and (= |hardirq_running[device(0)]| false) $x1020))))
(let (($x1028 (and (= (_ bv0 8) |rcu_nesting[inject_worker(1)]|) (and (= (_ bv0 8) |rcu_nesting[user(0)]|) $x1024))))
(let (($x1032 (and (= (_ bv0 8) |rcu_nesting[device(1)]|) (and (= (_ bv0 8) |rcu_nesting[inject_worker(0)]|) $x1028))))
(let (($x1036 (and (= (_ bv0 8) |bh_off[user(1)]|) (and (= (_ bv0 8) |rcu_nesting[device(0)]|) $x1032))))
(let (($x1042 (and (= (_ bv0 8) |bh_off[inject_worker(1)]|) (and (= (_ bv0 8) |bh_off[guest(0)]|) (and (= (_ bv0 8) |bh_off[user(0)]|) $x1036)))))
(let (($x1046 (and (= (_ bv0 8) |bh_off[device(1)]|) (and (= (_ bv0 8) |bh_off[inject_worker(0)]|) $x1042))))
(let (($x1050 (and (= (_ bv0 8) |irqs_off[guest(0)]|) (and (= (_ bv0 8) |bh_off[device(0)]|) $x1046))))
(let (($x1054 (and (= (_ bv0 8) |irqs_off[inject_worker(0)]|) (and (= (_ bv0 8) |irqs_off[inject_worker(1)]|) $x1050))))
(let (($x1058 (and (= (_ bv0 8) |irqs_off[device(0)]|) (and (= (_ bv0 8) |irqs_off[device(1)]|) $x1054))))
(let (($x1062 (and (= (_ bv0 8) |preempt_count[inject_worker(1)]|) (and (= (_ bv0 8) |preempt_count[guest(0)]|) $x1058))))
(let (($x1066 (and (= (_ bv0 8) |preempt_count[device(1)]|) (and (= (_ bv0 8) |preempt_count[inject_worker(0)]|) $x1062))))
(and (and (= (_ bv0 8) |preempt_count[device(0)]|) $x1066) (and $x937 (bvsge (_ bv2 8) |preempt_count[user(0)]|)) (and $x934 (bvsge (_ bv2 8) |preempt_count[user(1)]|)) (and (bvsle (_ bv0 8) |irqs_off[user(0)]|) (bvsge (_ bv2 8) |irqs_off[user(0)]|)) (and (bvsle (_ bv0 8) |irqs_off[user(1)]|) (bvsge (_ bv2 8) |irqs_off[user(1)]|)) (and $x925 (bvsge (_ bv2 8) |rcu_nesting[guest(0)]|)) (and (bvsle (_ bv255 8) kvm.irq_lock.owner) (bvsge (_ bv6 8) kvm.irq_lock.owner)) (and $x919 (bvsge (_ bv1 8) kvm.irq_ack_notifier_list.head)) (and $x916 (bvsge (_ bv1 8) |kvm.irq_ack_notifier_list.next[oadn#0]|)) (and $x913 (bvsge (_ bv1 8) |kvm.irq_ack_notifier_list.next[oadn#1]|)) (and (bvsle (_ bv255 8) irqfds_lock.owner) (bvsge (_ bv6 8) irqfds_lock.owner)) (and (bvsle (_ bv255 8) |gsi_oadn[0]|) (bvsge (_ bv1 8) |gsi_oadn[0]|)) (and (bvsle (_ bv255 8) |fd_irqfd[0]|) (bvsge (_ bv1 8) |fd_irqfd[0]|)) (and (bvsle (_ bv255 8) |fd_irqfd[1]|) (bvsge (_ bv1 8) |fd_irqfd[1]|)) (and (bvsle (_ bv0 8) |irqfd#0.fd|) (bvsge (_ bv1 8) |irqfd#0.fd|)) (and (bvsle (_ bv255 8) |irqfd#0.oadn|) (bvsge (_ bv1 8) |irqfd#0.oadn|)) (and (bvsle (_ bv0 8) |irqfd#1.fd|) (bvsge (_ bv1 8) |irqfd#1.fd|)) (and (bvsle (_ bv255 8) |irqfd#1.oadn|) (bvsge (_ bv1 8) |irqfd#1.oadn|)) (and (bvsle (_ bv0 8) |oadn#0.gsi|) (bvsge (_ bv0 8) |oadn#0.gsi|)) (and (bvsle (_ bv0 8) |oadn#0.src|) (bvsge (_ bv3 8) |oadn#0.src|)) (and (bvsle (_ bv255 8) |oadn#0.irqfds.head|) (bvsge (_ bv1 8) |oadn#0.irqfds.head|)) (and $x877 (bvsge (_ bv1 8) |oadn#0.irqfds.next[irqfd#0]|)) (and $x874 (bvsge (_ bv1 8) |oadn#0.irqfds.next[irqfd#1]|)) (and (bvsle (_ bv0 8) |oadn#1.gsi|) (bvsge (_ bv0 8) |oadn#1.gsi|)) (and (bvsle (_ bv0 8) |oadn#1.src|) (bvsge (_ bv3 8) |oadn#1.src|)) (and (bvsle (_ bv255 8) |oadn#1.irqfds.head|) (bvsge (_ bv1 8) |oadn#1.irqfds.head|)) (and $x862 (bvsge (_ bv1 8) |oadn#1.irqfds.next[irqfd#0]|)) (and $x859 (bvsge (_ bv1 8) |oadn#1.irqfds.next[irqfd#1]|)) (and (bvsle (_ bv0 8) |device(0).pc|) (bvsge (_ bv1 8) |device(0).pc|)) (and (bvsle (_ bv0 8) |device(1).pc|) (bvsge (_ bv1 8) |device(1).pc|)) (and $x850 (bvsge (_ bv4 8) |inject_worker(0).pc|)) (and $x847 (bvsge (_ bv4 8) |inject_worker(1).pc|)) (and (bvsle (_ bv0 8) |user(0).pc|) (bvsge (_ bv41 8) |user(0).pc|)) (and (bvsle (_ bv0 8) |user(1).pc|) (bvsge (_ bv41 8) |user(1).pc|)) (and $x838 (bvsge (_ bv1 8) |inject_worker(0).run_work_of.irqfd_inject.i|)) $x836 (and $x832 (bvsge (_ bv1 8) |inject_worker(1).run_work_of.irqfd_inject.i|)) $x830 $x827 $x824 (and $x820 (bvsge (_ bv1 8) |guest(0).kvm_notify_acked_irq.oadn_acked.i#2|)) (and $x817 (bvsge (_ bv1 8) |guest(0).kvm_notify_acked_irq.oadn_acked.fd|)) (and (bvsle (_ bv0 8) |user(0).i|) (bvsge (_ bv1 8) |user(0).i|)) (and (bvsle (_ bv0 8) |user(0).n|) (bvsge (_ bv1 8) |user(0).n|)) (and (bvsle (_ bv0 8) |user(0).o|) (bvsge (_ bv1 8) |user(0).o|)) (and (bvsle (_ bv0 8) |user(0).src|) (bvsge (_ bv3 8) |user(0).src|)) (and $x802 (bvsge (_ bv3 8) |user(0).kvm_request_irq_source_id.i|)) (and (bvsle (_ bv0 8) |user(0).found|) (bvsge (_ bv1 8) |user(0).found|)) (and $x796 (bvsge (_ bv3 8) |user(0).kvm_set_irq.src|)) (and $x793 (bvsge (_ bv0 8) |user(0).kvm_set_irq.gsi|)) (and $x790 (bvsge (_ bv3 8) |user(0).kvm_free_irq_source_id.id|)) (and (bvsle (_ bv0 8) |user(1).i|) (bvsge (_ bv1 8) |user(1).i|)) (and (bvsle (_ bv0 8) |user(1).n|) (bvsge (_ bv1 8) |user(1).n|)) (and (bvsle (_ bv0 8) |user(1).o|) (bvsge (_ bv1 8) |user(1).o|)) (and (bvsle (_ bv0 8) |user(1).src|) (bvsge (_ bv3 8) |user(1).src|)) (and $x775 (bvsge (_ bv3 8) |user(1).kvm_request_irq_source_id.i|)) (and (bvsle (_ bv0 8) |user(1).found|) (bvsge (_ bv1 8) |user(1).found|)) (and $x769 (bvsge (_ bv3 8) |user(1).kvm_set_irq.src|)) (and $x766 (bvsge (_ bv0 8) |user(1).kvm_set_irq.gsi|)) (and $x763 (bvsge (_ bv3 8) |user(1).kvm_free_irq_source_id.id|)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))
