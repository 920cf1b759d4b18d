; irqverify certificate
; {"format": 1, "spec": "spec/oadn_v9.irq", "spec_hash": "sha256:c1a4ce14352827a30ab059ce8ca09597823fe71618931de1721ba9fd5290814f", "variant": "fresh_source", "property": "irq_inversion", "engine": "localization", "k": 1, "encoding": "bv", "tool": "irqverify 0.1.0", "overrides": {}}
;
; The invariant in the spec's names (informative; the assertion below is what is checked):
;   preempt_count[device(0)] == 0 && (preempt_count[device(1)] == 0 && (preempt_count[inject_worker(0)] == 0 && (preempt_count[inject_worker(1)] == 0 && (irqs_off[device(0)] == 0 && (irqs_off[device(1)] == 0 && (irqs_off[inject_worker(0)] == 0 && (irqs_off[inject_worker(1)] == 0 && (irqs_off[guest(0)] == 0 && (bh_off[device(0)] == 0 && (bh_off[device(1)] == 0 && (bh_off[inject_worker(0)] == 0 && (bh_off[inject_worker(1)] == 0 && (bh_off[guest(0)] == 0 && (bh_off[user(0)] == 0 && (bh_off[user(1)] == 0 && (rcu_nesting[device(0)] == 0 && (rcu_nesting[device(1)] == 0 && (rcu_nesting[inject_worker(0)] == 0 && (rcu_nesting[inject_worker(1)] == 0 && (rcu_nesting[user(0)] == 0 && (rcu_nesting[user(1)] == 0 && (hardirq_running[device(0)] == false && (hardirq_running[device(1)] == false && (hardirq_running[inject_worker(0)] == false && (hardirq_running[inject_worker(1)] == false && (hardirq_running[guest(0)] == false && (hardirq_running[user(0)] == false && (hardirq_running[user(1)] == false && (softirq_running[device(0)] == false && (softirq_running[device(1)] == false && (softirq_running[inject_worker(0)] == false && (softirq_running[inject_worker(1)] == false && (softirq_running[guest(0)] == false && (softirq_running[user(0)] == false && (softirq_running[user(1)] == false && (rcu_callbacks_pending == 0 && srcu_callbacks_pending == 0))))))))))))))))))))))))))))))))))))
;   0 <= preempt_count[guest(0)]@cur && 2 >= preempt_count[guest(0)]@cur
;   0 <= preempt_count[user(0)]@cur && 2 >= preempt_count[user(0)]@cur
;   0 <= preempt_count[user(1)]@cur && 2 >= preempt_count[user(1)]@cur
;   0 <= irqs_off[user(0)]@cur && 2 >= irqs_off[user(0)]@cur
;   0 <= irqs_off[user(1)]@cur && 2 >= irqs_off[user(1)]@cur
;   0 <= rcu_nesting[guest(0)]@cur && 2 >= rcu_nesting[guest(0)]@cur
;   255 <= kvm.irq_lock.owner@cur && 6 >= kvm.irq_lock.owner@cur
;   254 <= kvm.irq_ack_notifier_list.head@cur && 1 >= kvm.irq_ack_notifier_list.head@cur
;   254 <= kvm.irq_ack_notifier_list.next[oadn#0]@cur && 1 >= kvm.irq_ack_notifier_list.next[oadn#0]@cur
;   254 <= kvm.irq_ack_notifier_list.next[oadn#1]@cur && 1 >= kvm.irq_ack_notifier_list.next[oadn#1]@cur
;   255 <= irqfds_lock.owner@cur && 6 >= irqfds_lock.owner@cur
;   254 <= gsi_oadn[0]@cur && 1 >= gsi_oadn[0]@cur
;   254 <= fd_irqfd[0]@cur && 1 >= fd_irqfd[0]@cur
;   254 <= fd_irqfd[1]@cur && 1 >= fd_irqfd[1]@cur
;   0 <= irqfd#0.fd@cur && 1 >= irqfd#0.fd@cur
;   254 <= irqfd#0.oadn@cur && 1 >= irqfd#0.oadn@cur
;   0 <= irqfd#1.fd@cur && 1 >= irqfd#1.fd@cur
;   254 <= irqfd#1.oadn@cur && 1 >= irqfd#1.oadn@cur
;   0 <= oadn#0.gsi@cur && 0 >= oadn#0.gsi@cur
;   0 <= oadn#0.src@cur && 3 >= oadn#0.src@cur
;   254 <= oadn#0.irqfds.head@cur && 1 >= oadn#0.irqfds.head@cur
;   254 <= oadn#0.irqfds.next[irqfd#0]@cur && 1 >= oadn#0.irqfds.next[irqfd#0]@cur
;   254 <= oadn#0.irqfds.next[irqfd#1]@cur && 1 >= oadn#0.irqfds.next[irqfd#1]@cur
;   0 <= oadn#1.gsi@cur && 0 >= oadn#1.gsi@cur
;   0 <= oadn#1.src@cur && 3 >= oadn#1.src@cur
;   254 <= oadn#1.irqfds.head@cur && 1 >= oadn#1.irqfds.head@cur
;   254 <= oadn#1.irqfds.next[irqfd#0]@cur && 1 >= oadn#1.irqfds.next[irqfd#0]@cur
;   254 <= oadn#1.irqfds.next[irqfd#1]@cur && 1 >= oadn#1.irqfds.next[irqfd#1]@cur
;   0 <= device(0).pc@cur && 1 >= device(0).pc@cur
;   0 <= device(1).pc@cur && 1 >= device(1).pc@cur
;   0 <= inject_worker(0).pc@cur && 4 >= inject_worker(0).pc@cur
;   0 <= inject_worker(1).pc@cur && 4 >= inject_worker(1).pc@cur
;   0 <= guest(0).pc@cur && 13 >= guest(0).pc@cur
;   0 <= user(0).pc@cur && 44 >= user(0).pc@cur
;   0 <= user(1).pc@cur && 44 >= user(1).pc@cur
;   254 <= inject_worker(0).run_work_of.irqfd_inject.i@cur && 1 >= inject_worker(0).run_work_of.irqfd_inject.i@cur
;   0 <= inject_worker(0).run_work_of.irqfd_inject.kvm_set_irq.src@cur && 3 >= inject_worker(0).run_work_of.irqfd_inject.kvm_set_irq.src@cur
;   254 <= inject_worker(1).run_work_of.irqfd_inject.i@cur && 1 >= inject_worker(1).run_work_of.irqfd_inject.i@cur
;   0 <= inject_worker(1).run_work_of.irqfd_inject.kvm_set_irq.src@cur && 3 >= inject_worker(1).run_work_of.irqfd_inject.kvm_set_irq.src@cur
;   254 <= guest(0).kvm_notify_acked_irq.n@cur && 1 >= guest(0).kvm_notify_acked_irq.n@cur
;   0 <= guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.src@cur && 3 >= guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.src@cur
;   0 <= guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.gsi@cur && 0 >= guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.gsi@cur
;   254 <= guest(0).kvm_notify_acked_irq.oadn_acked.i#2@cur && 1 >= guest(0).kvm_notify_acked_irq.oadn_acked.i#2@cur
;   0 <= guest(0).kvm_notify_acked_irq.oadn_acked.fd@cur && 1 >= guest(0).kvm_notify_acked_irq.oadn_acked.fd@cur
;   254 <= guest(0).kvm_notify_acked_irq.n#cursor@cur && 1 >= guest(0).kvm_notify_acked_irq.n#cursor@cur
;   254 <= guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor@cur && 1 >= guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor@cur
;   254 <= user(0).i@cur && 1 >= user(0).i@cur
;   254 <= user(0).n@cur && 1 >= user(0).n@cur
;   254 <= user(0).o@cur && 1 >= user(0).o@cur
;   0 <= user(0).src@cur && 3 >= user(0).src@cur
;   0 <= user(0).kvm_request_irq_source_id.i@cur && 3 >= user(0).kvm_request_irq_source_id.i@cur
;   0 <= user(0).kvm_set_irq.src@cur && 3 >= user(0).kvm_set_irq.src@cur
;   0 <= user(0).kvm_set_irq.gsi@cur && 0 >= user(0).kvm_set_irq.gsi@cur
;   0 <= user(0).kvm_free_irq_source_id.id@cur && 3 >= user(0).kvm_free_irq_source_id.id@cur
;   254 <= user(1).i@cur && 1 >= user(1).i@cur
;   254 <= user(1).n@cur && 1 >= user(1).n@cur
;   254 <= user(1).o@cur && 1 >= user(1).o@cur
;   0 <= user(1).src@cur && 3 >= user(1).src@cur
;   0 <= user(1).kvm_request_irq_source_id.i@cur && 3 >= user(1).kvm_request_irq_source_id.i@cur
;   0 <= user(1).kvm_set_irq.src@cur && 3 >= user(1).kvm_set_irq.src@cur
;   0 <= user(1).kvm_set_irq.gsi@cur && 0 >= user(1).kvm_set_irq.gsi@cur
;   0 <= user(1).kvm_free_irq_source_id.id@cur && 3 >= user(1).kvm_free_irq_source_id.id@cur
(set-logic QF_BV)
(set-info :status unknown)
(declare-fun |user(1).kvm_free_irq_source_id.id| () (_ BitVec 8))
(declare-fun |user(1).kvm_set_irq.gsi| () (_ BitVec 8))
(declare-fun |user(1).kvm_set_irq.src| () (_ BitVec 8))
(declare-fun |user(1).kvm_request_irq_source_id.i| () (_ BitVec 8))
(declare-fun |user(1).src| () (_ BitVec 8))
(declare-fun |user(1).o| () (_ BitVec 8))
(declare-fun |user(1).n| () (_ BitVec 8))
(declare-fun |user(1).i| () (_ BitVec 8))
(declare-fun |user(0).kvm_free_irq_source_id.id| () (_ BitVec 8))
(declare-fun |user(0).kvm_set_irq.gsi| () (_ BitVec 8))
(declare-fun |user(0).kvm_set_irq.src| () (_ BitVec 8))
(declare-fun |user(0).kvm_request_irq_source_id.i| () (_ BitVec 8))
(declare-fun |user(0).src| () (_ BitVec 8))
(declare-fun |user(0).o| () (_ BitVec 8))
(declare-fun |user(0).n| () (_ BitVec 8))
(declare-fun |user(0).i| () (_ BitVec 8))
(declare-fun |guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor| () (_ BitVec 8))
(declare-fun |guest(0).kvm_notify_acked_irq.n#cursor| () (_ BitVec 8))
(declare-fun |guest(0).kvm_notify_acked_irq.oadn_acked.fd| () (_ BitVec 8))
(declare-fun |guest(0).kvm_notify_acked_irq.oadn_acked.i#2| () (_ BitVec 8))
(declare-fun |guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.gsi| () (_ BitVec 8))
(declare-fun |guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.src| () (_ BitVec 8))
(declare-fun |guest(0).kvm_notify_acked_irq.n| () (_ BitVec 8))
(declare-fun |inject_worker(1).run_work_of.irqfd_inject.kvm_set_irq.src| () (_ BitVec 8))
(declare-fun |inject_worker(1).run_work_of.irqfd_inject.i| () (_ BitVec 8))
(declare-fun |inject_worker(0).run_work_of.irqfd_inject.kvm_set_irq.src| () (_ BitVec 8))
(declare-fun |inject_worker(0).run_work_of.irqfd_inject.i| () (_ BitVec 8))
(declare-fun |user(1).pc| () (_ BitVec 8))
(declare-fun |user(0).pc| () (_ BitVec 8))
(declare-fun |guest(0).pc| () (_ BitVec 8))
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
(declare-fun |preempt_count[guest(0)]| () (_ BitVec 8))
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
(declare-fun |preempt_count[inject_worker(1)]| () (_ BitVec 8))
(declare-fun |preempt_count[inject_worker(0)]| () (_ BitVec 8))
(declare-fun |preempt_count[device(1)]| () (_ BitVec 8))
(declare-fun |preempt_count[device(0)]| () (_ BitVec 8))
(assert
 (let (($x706 (bvsle (_ bv0 8) |user(1).kvm_free_irq_source_id.id|)))
(let (($x709 (bvsle (_ bv0 8) |user(1).kvm_set_irq.gsi|)))
(let (($x712 (bvsle (_ bv0 8) |user(1).kvm_set_irq.src|)))
(let (($x715 (bvsle (_ bv0 8) |user(1).kvm_request_irq_source_id.i|)))
(let (($x730 (bvsle (_ bv0 8) |user(0).kvm_free_irq_source_id.id|)))
(let (($x733 (bvsle (_ bv0 8) |user(0).kvm_set_irq.gsi|)))
(let (($x736 (bvsle (_ bv0 8) |user(0).kvm_set_irq.src|)))
(let (($x739 (bvsle (_ bv0 8) |user(0).kvm_request_irq_source_id.i|)))
(let (($x754 (bvsle (_ bv254 8) |guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor|)))
(let (($x755 (and $x754 (bvsge (_ bv1 8) |guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor|))))
(let (($x757 (bvsle (_ bv254 8) |guest(0).kvm_notify_acked_irq.n#cursor|)))
(let (($x760 (bvsle (_ bv0 8) |guest(0).kvm_notify_acked_irq.oadn_acked.fd|)))
(let (($x763 (bvsle (_ bv254 8) |guest(0).kvm_notify_acked_irq.oadn_acked.i#2|)))
(let (($x766 (bvsle (_ bv0 8) |guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.gsi|)))
(let (($x767 (and $x766 (bvsge (_ bv0 8) |guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.gsi|))))
(let (($x769 (bvsle (_ bv0 8) |guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.src|)))
(let (($x770 (and $x769 (bvsge (_ bv3 8) |guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.src|))))
(let (($x772 (bvsle (_ bv254 8) |guest(0).kvm_notify_acked_irq.n|)))
(let (($x775 (bvsle (_ bv0 8) |inject_worker(1).run_work_of.irqfd_inject.kvm_set_irq.src|)))
(let (($x776 (and $x775 (bvsge (_ bv3 8) |inject_worker(1).run_work_of.irqfd_inject.kvm_set_irq.src|))))
(let (($x778 (bvsle (_ bv254 8) |inject_worker(1).run_work_of.irqfd_inject.i|)))
(let (($x781 (bvsle (_ bv0 8) |inject_worker(0).run_work_of.irqfd_inject.kvm_set_irq.src|)))
(let (($x782 (and $x781 (bvsge (_ bv3 8) |inject_worker(0).run_work_of.irqfd_inject.kvm_set_irq.src|))))
(let (($x784 (bvsle (_ bv254 8) |inject_worker(0).run_work_of.irqfd_inject.i|)))
(let (($x796 (bvsle (_ bv0 8) |inject_worker(1).pc|)))
(let (($x799 (bvsle (_ bv0 8) |inject_worker(0).pc|)))
(let (($x808 (bvsle (_ bv254 8) |oadn#1.irqfds.next[irqfd#1]|)))
(let (($x811 (bvsle (_ bv254 8) |oadn#1.irqfds.next[irqfd#0]|)))
(let (($x823 (bvsle (_ bv254 8) |oadn#0.irqfds.next[irqfd#1]|)))
(let (($x826 (bvsle (_ bv254 8) |oadn#0.irqfds.next[irqfd#0]|)))
(let (($x862 (bvsle (_ bv254 8) |kvm.irq_ack_notifier_list.next[oadn#1]|)))
(let (($x865 (bvsle (_ bv254 8) |kvm.irq_ack_notifier_list.next[oadn#0]|)))
(let (($x868 (bvsle (_ bv254 8) kvm.irq_ack_notifier_list.head)))
(let (($x874 (bvsle (_ bv0 8) |rcu_nesting[guest(0)]|)))
(let (($x883 (bvsle (_ bv0 8) |preempt_count[user(1)]|)))
(let (($x886 (bvsle (_ bv0 8) |preempt_count[user(0)]|)))
(let (($x889 (bvsle (_ bv0 8) |preempt_count[guest(0)]|)))
(let (($x895 (and (= |softirq_running[user(1)]| false) (and (= (_ bv0 8) rcu_callbacks_pending) (= (_ bv0 8) srcu_callbacks_pending)))))
(let (($x899 (and (= |softirq_running[guest(0)]| false) (and (= |softirq_running[user(0)]| false) $x895))))
(let (($x903 (and (= |softirq_running[inject_worker(0)]| false) (and (= |softirq_running[inject_worker(1)]| false) $x899))))
(let (($x907 (and (= |softirq_running[device(0)]| false) (and (= |softirq_running[device(1)]| false) $x903))))
(let (($x911 (and (= |hardirq_running[user(0)]| false) (and (= |hardirq_running[user(1)]| false) $x907))))
(let (($x915 (and (= |hardirq_running[inject_worker(1)]| false) (and (= |hardirq_running[guest(0)]| false) $x911))))
(let (($x919 (and (= |hardirq_running[device(1)]| false) (and (= |hardirq_running[inject_worker(0)]| false) $x915))))
(let (($x923 (and (= (_ bv0 8) |rcu_nesting[user(1)]|) (and (= |hardirq_running[device(0)]| false) $x919))))
(let (($x927 (and (= (_ bv0 8) |rcu_nesting[inject_worker(1)]|) (and (= (_ bv0 8) |rcu_nesting[user(0)]|) $x923))))
(let (($x931 (and (= (_ bv0 8) |rcu_nesting[device(1)]|) (and (= (_ bv0 8) |rcu_nesting[inject_worker(0)]|) $x927))))
(let (($x935 (and (= (_ bv0 8) |bh_off[user(1)]|) (and (= (_ bv0 8) |rcu_nesting[device(0)]|) $x931))))
(let (($x941 (and (= (_ bv0 8) |bh_off[inject_worker(1)]|) (and (= (_ bv0 8) |bh_off[guest(0)]|) (and (= (_ bv0 8) |bh_off[user(0)]|) $x935)))))
(let (($x945 (and (= (_ bv0 8) |bh_off[device(1)]|) (and (= (_ bv0 8) |bh_off[inject_worker(0)]|) $x941))))
(let (($x949 (and (= (_ bv0 8) |irqs_off[guest(0)]|) (and (= (_ bv0 8) |bh_off[device(0)]|) $x945))))
(let (($x953 (and (= (_ bv0 8) |irqs_off[inject_worker(0)]|) (and (= (_ bv0 8) |irqs_off[inject_worker(1)]|) $x949))))
(let (($x957 (and (= (_ bv0 8) |irqs_off[device(0)]|) (and (= (_ bv0 8) |irqs_off[device(1)]|) $x953))))
(let (($x961 (and (= (_ bv0 8) |preempt_count[inject_worker(0)]|) (and (= (_ bv0 8) |preempt_count[inject_worker(1)]|) $x957))))
(let (($x965 (and (= (_ bv0 8) |preempt_count[device(0)]|) (and (= (_ bv0 8) |preempt_count[device(1)]|) $x961))))
(and $x965 (and $x889 (bvsge (_ bv2 8) |preempt_count[guest(0)]|)) (and $x886 (bvsge (_ bv2 8) |preempt_count[user(0)]|)) (and $x883 (bvsge (_ bv2 8) |preempt_count[user(1)]|)) (and (bvsle (_ bv0 8) |irqs_off[user(0)]|) (bvsge (_ bv2 8) |irqs_off[user(0)]|)) (and (bvsle (_ bv0 8) |irqs_off[user(1)]|) (bvsge (_ bv2 8) |irqs_off[user(1)]|)) (and $x874 (bvsge (_ bv2 8) |rcu_nesting[guest(0)]|)) (and (bvsle (_ bv255 8) kvm.irq_lock.owner) (bvsge (_ bv6 8) kvm.irq_lock.owner)) (and $x868 (bvsge (_ bv1 8) kvm.irq_ack_notifier_list.head)) (and $x865 (bvsge (_ bv1 8) |kvm.irq_ack_notifier_list.next[oadn#0]|)) (and $x862 (bvsge (_ bv1 8) |kvm.irq_ack_notifier_list.next[oadn#1]|)) (and (bvsle (_ bv255 8) irqfds_lock.owner) (bvsge (_ bv6 8) irqfds_lock.owner)) (and (bvsle (_ bv254 8) |gsi_oadn[0]|) (bvsge (_ bv1 8) |gsi_oadn[0]|)) (and (bvsle (_ bv254 8) |fd_irqfd[0]|) (bvsge (_ bv1 8) |fd_irqfd[0]|)) (and (bvsle (_ bv254 8) |fd_irqfd[1]|) (bvsge (_ bv1 8) |fd_irqfd[1]|)) (and (bvsle (_ bv0 8) |irqfd#0.fd|) (bvsge (_ bv1 8) |irqfd#0.fd|)) (and (bvsle (_ bv254 8) |irqfd#0.oadn|) (bvsge (_ bv1 8) |irqfd#0.oadn|)) (and (bvsle (_ bv0 8) |irqfd#1.fd|) (bvsge (_ bv1 8) |irqfd#1.fd|)) (and (bvsle (_ bv254 8) |irqfd#1.oadn|) (bvsge (_ bv1 8) |irqfd#1.oadn|)) (and (bvsle (_ bv0 8) |oadn#0.gsi|) (bvsge (_ bv0 8) |oadn#0.gsi|)) (and (bvsle (_ bv0 8) |oadn#0.src|) (bvsge (_ bv3 8) |oadn#0.src|)) (and (bvsle (_ bv254 8) |oadn#0.irqfds.head|) (bvsge (_ bv1 8) |oadn#0.irqfds.head|)) (and $x826 (bvsge (_ bv1 8) |oadn#0.irqfds.next[irqfd#0]|)) (and $x823 (bvsge (_ bv1 8) |oadn#0.irqfds.next[irqfd#1]|)) (and (bvsle (_ bv0 8) |oadn#1.gsi|) (bvsge (_ bv0 8) |oadn#1.gsi|)) (and (bvsle (_ bv0 8) |oadn#1.src|) (bvsge (_ bv3 8) |oadn#1.src|)) (and (bvsle (_ bv254 8) |oadn#1.irqfds.head|) (bvsge (_ bv1 8) |oadn#1.irqfds.head|)) (and $x811 (bvsge (_ bv1 8) |oadn#1.irqfds.next[irqfd#0]|)) (and $x808 (bvsge (_ bv1 8) |oadn#1.irqfds.next[irqfd#1]|)) (and (bvsle (_ bv0 8) |device(0).pc|) (bvsge (_ bv1 8) |device(0).pc|)) (and (bvsle (_ bv0 8) |device(1).pc|) (bvsge (_ bv1 8) |device(1).pc|)) (and $x799 (bvsge (_ bv4 8) |inject_worker(0).pc|)) (and $x796 (bvsge (_ bv4 8) |inject_worker(1).pc|)) (and (bvsle (_ bv0 8) |guest(0).pc|) (bvsge (_ bv13 8) |guest(0).pc|)) (and (bvsle (_ bv0 8) |user(0).pc|) (bvsge (_ bv44 8) |user(0).pc|)) (and (bvsle (_ bv0 8) |user(1).pc|) (bvsge (_ bv44 8) |user(1).pc|)) (and $x784 (bvsge (_ bv1 8) |inject_worker(0).run_work_of.irqfd_inject.i|)) $x782 (and $x778 (bvsge (_ bv1 8) |inject_worker(1).run_work_of.irqfd_inject.i|)) $x776 (and $x772 (bvsge (_ bv1 8) |guest(0).kvm_notify_acked_irq.n|)) $x770 $x767 (and $x763 (bvsge (_ bv1 8) |guest(0).kvm_notify_acked_irq.oadn_acked.i#2|)) (and $x760 (bvsge (_ bv1 8) |guest(0).kvm_notify_acked_irq.oadn_acked.fd|)) (and $x757 (bvsge (_ bv1 8) |guest(0).kvm_notify_acked_irq.n#cursor|)) $x755 (and (bvsle (_ bv254 8) |user(0).i|) (bvsge (_ bv1 8) |user(0).i|)) (and (bvsle (_ bv254 8) |user(0).n|) (bvsge (_ bv1 8) |user(0).n|)) (and (bvsle (_ bv254 8) |user(0).o|) (bvsge (_ bv1 8) |user(0).o|)) (and (bvsle (_ bv0 8) |user(0).src|) (bvsge (_ bv3 8) |user(0).src|)) (and $x739 (bvsge (_ bv3 8) |user(0).kvm_request_irq_source_id.i|)) (and $x736 (bvsge (_ bv3 8) |user(0).kvm_set_irq.src|)) (and $x733 (bvsge (_ bv0 8) |user(0).kvm_set_irq.gsi|)) (and $x730 (bvsge (_ bv3 8) |user(0).kvm_free_irq_source_id.id|)) (and (bvsle (_ bv254 8) |user(1).i|) (bvsge (_ bv1 8) |user(1).i|)) (and (bvsle (_ bv254 8) |user(1).n|) (bvsge (_ bv1 8) |user(1).n|)) (and (bvsle (_ bv254 8) |user(1).o|) (bvsge (_ bv1 8) |user(1).o|)) (and (bvsle (_ bv0 8) |user(1).src|) (bvsge (_ bv3 8) |user(1).src|)) (and $x715 (bvsge (_ bv3 8) |user(1).kvm_request_irq_source_id.i|)) (and $x712 (bvsge (_ bv3 8) |user(1).kvm_set_irq.src|)) (and $x709 (bvsge (_ bv0 8) |user(1).kvm_set_irq.gsi|)) (and $x706 (bvsge (_ bv3 8) |user(1).kvm_free_irq_source_id.id|)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))
