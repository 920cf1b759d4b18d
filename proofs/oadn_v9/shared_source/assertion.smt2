; irqverify certificate
; {"format": 1, "spec": "spec/oadn_v9.irq", "spec_hash": "sha256:6366752678dcec9fbbd48bfecbb29328b728b802c9952a1c9d3477ed792ea394", "variant": "shared_source", "property": "assertion", "engine": "localization", "k": 1, "encoding": "bv", "tool": "irqverify 0.1.0", "overrides": {}}
;
; The invariant in the spec's names (informative; the assertion below is what is checked):
;   preempt_count[device(0)] == 0 && (preempt_count[device(1)] == 0 && (preempt_count[inject_worker(0)] == 0 && (preempt_count[inject_worker(1)] == 0 && (irqs_off[device(0)] == 0 && (irqs_off[device(1)] == 0 && (irqs_off[inject_worker(0)] == 0 && (irqs_off[inject_worker(1)] == 0 && (irqs_off[guest(0)] == 0 && (bh_off[device(0)] == 0 && (bh_off[device(1)] == 0 && (bh_off[inject_worker(0)] == 0 && (bh_off[inject_worker(1)] == 0 && (bh_off[guest(0)] == 0 && (bh_off[user(0)] == 0 && (bh_off[user(1)] == 0 && (rcu_nesting[device(0)] == 0 && (rcu_nesting[device(1)] == 0 && (rcu_nesting[inject_worker(0)] == 0 && (rcu_nesting[inject_worker(1)] == 0 && (rcu_nesting[user(0)] == 0 && (rcu_nesting[user(1)] == 0 && (hardirq_running[device(0)] == false && (hardirq_running[device(1)] == false && (hardirq_running[inject_worker(0)] == false && (hardirq_running[inject_worker(1)] == false && (hardirq_running[guest(0)] == false && (hardirq_running[user(0)] == false && (hardirq_running[user(1)] == false && (softirq_running[device(0)] == false && (softirq_running[device(1)] == false && (softirq_running[inject_worker(0)] == false && (softirq_running[inject_worker(1)] == false && (softirq_running[guest(0)] == false && (softirq_running[user(0)] == false && (softirq_running[user(1)] == false && (rcu_callbacks_pending == 0 && (srcu_callbacks_pending == 0 && (kvm.irq_sources_bitmap == {} && (user(0).kvm_request_irq_source_id.i == 0 && (user(0).kvm_free_irq_source_id.id == 0 && (user(1).kvm_request_irq_source_id.i == 0 && user(1).kvm_free_irq_source_id.id == 0)))))))))))))))))))))))))))))))))))))))))
;   0 <= preempt_count[guest(0)]@cur && 2 >= preempt_count[guest(0)]@cur
;   0 <= preempt_count[user(0)]@cur && 2 >= preempt_count[user(0)]@cur
;   0 <= preempt_count[user(1)]@cur && 2 >= preempt_count[user(1)]@cur
;   0 <= irqs_off[user(0)]@cur && 2 >= irqs_off[user(0)]@cur
;   0 <= irqs_off[user(1)]@cur && 2 >= irqs_off[user(1)]@cur
;   0 <= rcu_nesting[guest(0)]@cur && 2 >= rcu_nesting[guest(0)]@cur
;   127 <= kvm.irq_lock.owner@cur && 6 >= kvm.irq_lock.owner@cur
;   127 <= kvm.irq_ack_notifier_list.head@cur && 1 >= kvm.irq_ack_notifier_list.head@cur
;   127 <= kvm.irq_ack_notifier_list.next[oadn#0]@cur && 1 >= kvm.irq_ack_notifier_list.next[oadn#0]@cur
;   127 <= kvm.irq_ack_notifier_list.next[oadn#1]@cur && 1 >= kvm.irq_ack_notifier_list.next[oadn#1]@cur
;   127 <= irqfds_lock.owner@cur && 6 >= irqfds_lock.owner@cur
;   127 <= gsi_oadn[0]@cur && 1 >= gsi_oadn[0]@cur
;   127 <= fd_irqfd[0]@cur && 1 >= fd_irqfd[0]@cur
;   127 <= fd_irqfd[1]@cur && 1 >= fd_irqfd[1]@cur
;   0 <= irqfd#0.fd@cur && 1 >= irqfd#0.fd@cur
;   127 <= irqfd#0.oadn@cur && 1 >= irqfd#0.oadn@cur
;   0 <= irqfd#1.fd@cur && 1 >= irqfd#1.fd@cur
;   127 <= irqfd#1.oadn@cur && 1 >= irqfd#1.oadn@cur
;   0 <= oadn#0.gsi@cur && 0 >= oadn#0.gsi@cur
;   0 <= oadn#0.src@cur && 3 >= oadn#0.src@cur
;   127 <= oadn#0.irqfds.head@cur && 1 >= oadn#0.irqfds.head@cur
;   127 <= oadn#0.irqfds.next[irqfd#0]@cur && 1 >= oadn#0.irqfds.next[irqfd#0]@cur
;   127 <= oadn#0.irqfds.next[irqfd#1]@cur && 1 >= oadn#0.irqfds.next[irqfd#1]@cur
;   0 <= oadn#1.gsi@cur && 0 >= oadn#1.gsi@cur
;   0 <= oadn#1.src@cur && 3 >= oadn#1.src@cur
;   127 <= oadn#1.irqfds.head@cur && 1 >= oadn#1.irqfds.head@cur
;   127 <= oadn#1.irqfds.next[irqfd#0]@cur && 1 >= oadn#1.irqfds.next[irqfd#0]@cur
;   127 <= oadn#1.irqfds.next[irqfd#1]@cur && 1 >= oadn#1.irqfds.next[irqfd#1]@cur
;   0 <= device(0).pc@cur && 1 >= device(0).pc@cur
;   0 <= device(1).pc@cur && 1 >= device(1).pc@cur
;   0 <= inject_worker(0).pc@cur && 4 >= inject_worker(0).pc@cur
;   0 <= inject_worker(1).pc@cur && 4 >= inject_worker(1).pc@cur
;   0 <= guest(0).pc@cur && 13 >= guest(0).pc@cur
;   0 <= user(0).pc@cur && 31 >= user(0).pc@cur
;   0 <= user(1).pc@cur && 31 >= user(1).pc@cur
;   127 <= inject_worker(0).run_work_of.irqfd_inject.i@cur && 1 >= inject_worker(0).run_work_of.irqfd_inject.i@cur
;   0 <= inject_worker(0).run_work_of.irqfd_inject.kvm_set_irq.src@cur && 3 >= inject_worker(0).run_work_of.irqfd_inject.kvm_set_irq.src@cur
;   127 <= inject_worker(1).run_work_of.irqfd_inject.i@cur && 1 >= inject_worker(1).run_work_of.irqfd_inject.i@cur
;   0 <= inject_worker(1).run_work_of.irqfd_inject.kvm_set_irq.src@cur && 3 >= inject_worker(1).run_work_of.irqfd_inject.kvm_set_irq.src@cur
;   0 <= guest(0).kvm_notify_acked_irq.n@cur && 1 >= guest(0).kvm_notify_acked_irq.n@cur
;   0 <= guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.src@cur && 3 >= guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.src@cur
;   0 <= guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.gsi@cur && 0 >= guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.gsi@cur
;   0 <= guest(0).kvm_notify_acked_irq.oadn_acked.i#2@cur && 1 >= guest(0).kvm_notify_acked_irq.oadn_acked.i#2@cur
;   0 <= guest(0).kvm_notify_acked_irq.oadn_acked.fd@cur && 1 >= guest(0).kvm_notify_acked_irq.oadn_acked.fd@cur
;   127 <= guest(0).kvm_notify_acked_irq.n#cursor@cur && 1 >= guest(0).kvm_notify_acked_irq.n#cursor@cur
;   127 <= guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor@cur && 1 >= guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor@cur
;   0 <= user(0).i@cur && 1 >= user(0).i@cur
;   0 <= user(0).n@cur && 1 >= user(0).n@cur
;   0 <= user(0).o@cur && 1 >= user(0).o@cur
;   0 <= user(0).src@cur && 3 >= user(0).src@cur
;   0 <= user(0).found@cur && 1 >= user(0).found@cur
;   0 <= user(0).kvm_set_irq.src@cur && 3 >= user(0).kvm_set_irq.src@cur
;   0 <= user(0).kvm_set_irq.gsi@cur && 0 >= user(0).kvm_set_irq.gsi@cur
;   0 <= user(1).i@cur && 1 >= user(1).i@cur
;   0 <= user(1).n@cur && 1 >= user(1).n@cur
;   0 <= user(1).o@cur && 1 >= user(1).o@cur
;   0 <= user(1).src@cur && 3 >= user(1).src@cur
;   0 <= user(1).found@cur && 1 >= user(1).found@cur
;   0 <= user(1).kvm_set_irq.src@cur && 3 >= user(1).kvm_set_irq.src@cur
;   0 <= user(1).kvm_set_irq.gsi@cur && 0 >= user(1).kvm_set_irq.gsi@cur
(set-logic QF_BV)
(set-info :status unknown)
(declare-fun |user(1).kvm_set_irq.gsi| () (_ BitVec 7))
(declare-fun |user(1).kvm_set_irq.src| () (_ BitVec 7))
(declare-fun |user(1).found| () (_ BitVec 7))
(declare-fun |user(1).src| () (_ BitVec 7))
(declare-fun |user(1).o| () (_ BitVec 7))
(declare-fun |user(1).n| () (_ BitVec 7))
(declare-fun |user(1).i| () (_ BitVec 7))
(declare-fun |user(0).kvm_set_irq.gsi| () (_ BitVec 7))
(declare-fun |user(0).kvm_set_irq.src| () (_ BitVec 7))
(declare-fun |user(0).found| () (_ BitVec 7))
(declare-fun |user(0).src| () (_ BitVec 7))
(declare-fun |user(0).o| () (_ BitVec 7))
(declare-fun |user(0).n| () (_ BitVec 7))
(declare-fun |user(0).i| () (_ BitVec 7))
(declare-fun |guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor| () (_ BitVec 7))
(declare-fun |guest(0).kvm_notify_acked_irq.n#cursor| () (_ BitVec 7))
(declare-fun |guest(0).kvm_notify_acked_irq.oadn_acked.fd| () (_ BitVec 7))
(declare-fun |guest(0).kvm_notify_acked_irq.oadn_acked.i#2| () (_ BitVec 7))
(declare-fun |guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.gsi| () (_ BitVec 7))
(declare-fun |guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.src| () (_ BitVec 7))
(declare-fun |guest(0).kvm_notify_acked_irq.n| () (_ BitVec 7))
(declare-fun |inject_worker(1).run_work_of.irqfd_inject.kvm_set_irq.src| () (_ BitVec 7))
(declare-fun |inject_worker(1).run_work_of.irqfd_inject.i| () (_ BitVec 7))
(declare-fun |inject_worker(0).run_work_of.irqfd_inject.kvm_set_irq.src| () (_ BitVec 7))
(declare-fun |inject_worker(0).run_work_of.irqfd_inject.i| () (_ BitVec 7))
(declare-fun |user(1).pc| () (_ BitVec 7))
(declare-fun |user(0).pc| () (_ BitVec 7))
(declare-fun |guest(0).pc| () (_ BitVec 7))
(declare-fun |inject_worker(1).pc| () (_ BitVec 7))
(declare-fun |inject_worker(0).pc| () (_ BitVec 7))
(declare-fun |device(1).pc| () (_ BitVec 7))
(declare-fun |device(0).pc| () (_ BitVec 7))
(declare-fun |oadn#1.irqfds.next[irqfd#1]| () (_ BitVec 7))
(declare-fun |oadn#1.irqfds.next[irqfd#0]| () (_ BitVec 7))
(declare-fun |oadn#1.irqfds.head| () (_ BitVec 7))
(declare-fun |oadn#1.src| () (_ BitVec 7))
(declare-fun |oadn#1.gsi| () (_ BitVec 7))
(declare-fun |oadn#0.irqfds.next[irqfd#1]| () (_ BitVec 7))
(declare-fun |oadn#0.irqfds.next[irqfd#0]| () (_ BitVec 7))
(declare-fun |oadn#0.irqfds.head| () (_ BitVec 7))
(declare-fun |oadn#0.src| () (_ BitVec 7))
(declare-fun |oadn#0.gsi| () (_ BitVec 7))
(declare-fun |irqfd#1.oadn| () (_ BitVec 7))
(declare-fun |irqfd#1.fd| () (_ BitVec 7))
(declare-fun |irqfd#0.oadn| () (_ BitVec 7))
(declare-fun |irqfd#0.fd| () (_ BitVec 7))
(declare-fun |fd_irqfd[1]| () (_ BitVec 7))
(declare-fun |fd_irqfd[0]| () (_ BitVec 7))
(declare-fun |gsi_oadn[0]| () (_ BitVec 7))
(declare-fun irqfds_lock.owner () (_ BitVec 7))
(declare-fun |kvm.irq_ack_notifier_list.next[oadn#1]| () (_ BitVec 7))
(declare-fun |kvm.irq_ack_notifier_list.next[oadn#0]| () (_ BitVec 7))
(declare-fun kvm.irq_ack_notifier_list.head () (_ BitVec 7))
(declare-fun kvm.irq_lock.owner () (_ BitVec 7))
(declare-fun |rcu_nesting[guest(0)]| () (_ BitVec 7))
(declare-fun |irqs_off[user(1)]| () (_ BitVec 7))
(declare-fun |irqs_off[user(0)]| () (_ BitVec 7))
(declare-fun |preempt_count[user(1)]| () (_ BitVec 7))
(declare-fun |preempt_count[user(0)]| () (_ BitVec 7))
(declare-fun |preempt_count[guest(0)]| () (_ BitVec 7))
(declare-fun |user(1).kvm_free_irq_source_id.id| () (_ BitVec 7))
(declare-fun |user(1).kvm_request_irq_source_id.i| () (_ BitVec 7))
(declare-fun |user(0).kvm_free_irq_source_id.id| () (_ BitVec 7))
(declare-fun |user(0).kvm_request_irq_source_id.i| () (_ BitVec 7))
(declare-fun kvm.irq_sources_bitmap () (_ BitVec 4))
(declare-fun srcu_callbacks_pending () (_ BitVec 7))
(declare-fun rcu_callbacks_pending () (_ BitVec 7))
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
(declare-fun |rcu_nesting[user(1)]| () (_ BitVec 7))
(declare-fun |rcu_nesting[user(0)]| () (_ BitVec 7))
(declare-fun |rcu_nesting[inject_worker(1)]| () (_ BitVec 7))
(declare-fun |rcu_nesting[inject_worker(0)]| () (_ BitVec 7))
(declare-fun |rcu_nesting[device(1)]| () (_ BitVec 7))
(declare-fun |rcu_nesting[device(0)]| () (_ BitVec 7))
(declare-fun |bh_off[user(1)]| () (_ BitVec 7))
(declare-fun |bh_off[user(0)]| () (_ BitVec 7))
(declare-fun |bh_off[guest(0)]| () (_ BitVec 7))
(declare-fun |bh_off[inject_worker(1)]| () (_ BitVec 7))
(declare-fun |bh_off[inject_worker(0)]| () (_ BitVec 7))
(declare-fun |bh_off[device(1)]| () (_ BitVec 7))
(declare-fun |bh_off[device(0)]| () (_ BitVec 7))
(declare-fun |irqs_off[guest(0)]| () (_ BitVec 7))
(declare-fun |irqs_off[inject_worker(1)]| () (_ BitVec 7))
(declare-fun |irqs_off[inject_worker(0)]| () (_ BitVec 7))
(declare-fun |irqs_off[device(1)]| () (_ BitVec 7))
(declare-fun |irqs_off[device(0)]| () (_ BitVec 7))
(declare-fun |preempt_count[inject_worker(1)]| () (_ BitVec 7))
(declare-fun |preempt_count[inject_worker(0)]| () (_ BitVec 7))
(declare-fun |preempt_count[device(1)]| () (_ BitVec 7))
(declare-fun |preempt_count[device(0)]| () (_ BitVec 7))
(assert
 (let (($x716 (bvsle (_ bv0 7) |user(1).kvm_set_irq.gsi|)))
(let (($x719 (bvsle (_ bv0 7) |user(1).kvm_set_irq.src|)))
(let (($x737 (bvsle (_ bv0 7) |user(0).kvm_set_irq.gsi|)))
(let (($x740 (bvsle (_ bv0 7) |user(0).kvm_set_irq.src|)))
(let (($x758 (bvsle (_ bv127 7) |guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor|)))
(let (($x759 (and $x758 (bvsge (_ bv1 7) |guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor|))))
(let (($x761 (bvsle (_ bv127 7) |guest(0).kvm_notify_acked_irq.n#cursor|)))
(let (($x764 (bvsle (_ bv0 7) |guest(0).kvm_notify_acked_irq.oadn_acked.fd|)))
(let (($x767 (bvsle (_ bv0 7) |guest(0).kvm_notify_acked_irq.oadn_acked.i#2|)))
(let (($x770 (bvsle (_ bv0 7) |guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.gsi|)))
(let (($x771 (and $x770 (bvsge (_ bv0 7) |guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.gsi|))))
(let (($x773 (bvsle (_ bv0 7) |guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.src|)))
(let (($x774 (and $x773 (bvsge (_ bv3 7) |guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.src|))))
(let (($x776 (bvsle (_ bv0 7) |guest(0).kvm_notify_acked_irq.n|)))
(let (($x779 (bvsle (_ bv0 7) |inject_worker(1).run_work_of.irqfd_inject.kvm_set_irq.src|)))
(let (($x780 (and $x779 (bvsge (_ bv3 7) |inject_worker(1).run_work_of.irqfd_inject.kvm_set_irq.src|))))
(let (($x782 (bvsle (_ bv127 7) |inject_worker(1).run_work_of.irqfd_inject.i|)))
(let (($x785 (bvsle (_ bv0 7) |inject_worker(0).run_work_of.irqfd_inject.kvm_set_irq.src|)))
(let (($x786 (and $x785 (bvsge (_ bv3 7) |inject_worker(0).run_work_of.irqfd_inject.kvm_set_irq.src|))))
(let (($x788 (bvsle (_ bv127 7) |inject_worker(0).run_work_of.irqfd_inject.i|)))
(let (($x800 (bvsle (_ bv0 7) |inject_worker(1).pc|)))
(let (($x803 (bvsle (_ bv0 7) |inject_worker(0).pc|)))
(let (($x812 (bvsle (_ bv127 7) |oadn#1.irqfds.next[irqfd#1]|)))
(let (($x815 (bvsle (_ bv127 7) |oadn#1.irqfds.next[irqfd#0]|)))
(let (($x827 (bvsle (_ bv127 7) |oadn#0.irqfds.next[irqfd#1]|)))
(let (($x830 (bvsle (_ bv127 7) |oadn#0.irqfds.next[irqfd#0]|)))
(let (($x866 (bvsle (_ bv127 7) |kvm.irq_ack_notifier_list.next[oadn#1]|)))
(let (($x869 (bvsle (_ bv127 7) |kvm.irq_ack_notifier_list.next[oadn#0]|)))
(let (($x872 (bvsle (_ bv127 7) kvm.irq_ack_notifier_list.head)))
(let (($x878 (bvsle (_ bv0 7) |rcu_nesting[guest(0)]|)))
(let (($x887 (bvsle (_ bv0 7) |preempt_count[user(1)]|)))
(let (($x890 (bvsle (_ bv0 7) |preempt_count[user(0)]|)))
(let (($x893 (bvsle (_ bv0 7) |preempt_count[guest(0)]|)))
(let (($x897 (and (= (_ bv0 7) |user(1).kvm_request_irq_source_id.i|) (= (_ bv0 7) |user(1).kvm_free_irq_source_id.id|))))
(let (($x901 (and (= (_ bv0 7) |user(0).kvm_request_irq_source_id.i|) (and (= (_ bv0 7) |user(0).kvm_free_irq_source_id.id|) $x897))))
(let (($x905 (and (= (_ bv0 7) srcu_callbacks_pending) (and (= (_ bv0 4) kvm.irq_sources_bitmap) $x901))))
(let (($x909 (and (= |softirq_running[user(1)]| false) (and (= (_ bv0 7) rcu_callbacks_pending) $x905))))
(let (($x913 (and (= |softirq_running[guest(0)]| false) (and (= |softirq_running[user(0)]| false) $x909))))
(let (($x917 (and (= |softirq_running[inject_worker(0)]| false) (and (= |softirq_running[inject_worker(1)]| false) $x913))))
(let (($x921 (and (= |softirq_running[device(0)]| false) (and (= |softirq_running[device(1)]| false) $x917))))
(let (($x925 (and (= |hardirq_running[user(0)]| false) (and (= |hardirq_running[user(1)]| false) $x921))))
(let (($x929 (and (= |hardirq_running[inject_worker(1)]| false) (and (= |hardirq_running[guest(0)]| false) $x925))))
(let (($x933 (and (= |hardirq_running[device(1)]| false) (and (= |hardirq_running[inject_worker(0)]| false) $x929))))
(let (($x937 (and (= (_ bv0 7) |rcu_nesting[user(1)]|) (and (= |hardirq_running[device(0)]| false) $x933))))
(let (($x941 (and (= (_ bv0 7) |rcu_nesting[inject_worker(1)]|) (and (= (_ bv0 7) |rcu_nesting[user(0)]|) $x937))))
(let (($x945 (and (= (_ bv0 7) |rcu_nesting[device(1)]|) (and (= (_ bv0 7) |rcu_nesting[inject_worker(0)]|) $x941))))
(let (($x949 (and (= (_ bv0 7) |bh_off[user(1)]|) (and (= (_ bv0 7) |rcu_nesting[device(0)]|) $x945))))
(let (($x955 (and (= (_ bv0 7) |bh_off[inject_worker(1)]|) (and (= (_ bv0 7) |bh_off[guest(0)]|) (and (= (_ bv0 7) |bh_off[user(0)]|) $x949)))))
(let (($x959 (and (= (_ bv0 7) |bh_off[device(1)]|) (and (= (_ bv0 7) |bh_off[inject_worker(0)]|) $x955))))
(let (($x963 (and (= (_ bv0 7) |irqs_off[guest(0)]|) (and (= (_ bv0 7) |bh_off[device(0)]|) $x959))))
(let (($x967 (and (= (_ bv0 7) |irqs_off[inject_worker(0)]|) (and (= (_ bv0 7) |irqs_off[inject_worker(1)]|) $x963))))
(let (($x971 (and (= (_ bv0 7) |irqs_off[device(0)]|) (and (= (_ bv0 7) |irqs_off[device(1)]|) $x967))))
(let (($x975 (and (= (_ bv0 7) |preempt_count[inject_worker(0)]|) (and (= (_ bv0 7) |preempt_count[inject_worker(1)]|) $x971))))
(let (($x979 (and (= (_ bv0 7) |preempt_count[device(0)]|) (and (= (_ bv0 7) |preempt_count[device(1)]|) $x975))))
(and $x979 (and $x893 (bvsge (_ bv2 7) |preempt_count[guest(0)]|)) (and $x890 (bvsge (_ bv2 7) |preempt_count[user(0)]|)) (and $x887 (bvsge (_ bv2 7) |preempt_count[user(1)]|)) (and (bvsle (_ bv0 7) |irqs_off[user(0)]|) (bvsge (_ bv2 7) |irqs_off[user(0)]|)) (and (bvsle (_ bv0 7) |irqs_off[user(1)]|) (bvsge (_ bv2 7) |irqs_off[user(1)]|)) (and $x878 (bvsge (_ bv2 7) |rcu_nesting[guest(0)]|)) (and (bvsle (_ bv127 7) kvm.irq_lock.owner) (bvsge (_ bv6 7) kvm.irq_lock.owner)) (and $x872 (bvsge (_ bv1 7) kvm.irq_ack_notifier_list.head)) (and $x869 (bvsge (_ bv1 7) |kvm.irq_ack_notifier_list.next[oadn#0]|)) (and $x866 (bvsge (_ bv1 7) |kvm.irq_ack_notifier_list.next[oadn#1]|)) (and (bvsle (_ bv127 7) irqfds_lock.owner) (bvsge (_ bv6 7) irqfds_lock.owner)) (and (bvsle (_ bv127 7) |gsi_oadn[0]|) (bvsge (_ bv1 7) |gsi_oadn[0]|)) (and (bvsle (_ bv127 7) |fd_irqfd[0]|) (bvsge (_ bv1 7) |fd_irqfd[0]|)) (and (bvsle (_ bv127 7) |fd_irqfd[1]|) (bvsge (_ bv1 7) |fd_irqfd[1]|)) (and (bvsle (_ bv0 7) |irqfd#0.fd|) (bvsge (_ bv1 7) |irqfd#0.fd|)) (and (bvsle (_ bv127 7) |irqfd#0.oadn|) (bvsge (_ bv1 7) |irqfd#0.oadn|)) (and (bvsle (_ bv0 7) |irqfd#1.fd|) (bvsge (_ bv1 7) |irqfd#1.fd|)) (and (bvsle (_ bv127 7) |irqfd#1.oadn|) (bvsge (_ bv1 7) |irqfd#1.oadn|)) (and (bvsle (_ bv0 7) |oadn#0.gsi|) (bvsge (_ bv0 7) |oadn#0.gsi|)) (and (bvsle (_ bv0 7) |oadn#0.src|) (bvsge (_ bv3 7) |oadn#0.src|)) (and (bvsle (_ bv127 7) |oadn#0.irqfds.head|) (bvsge (_ bv1 7) |oadn#0.irqfds.head|)) (and $x830 (bvsge (_ bv1 7) |oadn#0.irqfds.next[irqfd#0]|)) (and $x827 (bvsge (_ bv1 7) |oadn#0.irqfds.next[irqfd#1]|)) (and (bvsle (_ bv0 7) |oadn#1.gsi|) (bvsge (_ bv0 7) |oadn#1.gsi|)) (and (bvsle (_ bv0 7) |oadn#1.src|) (bvsge (_ bv3 7) |oadn#1.src|)) (and (bvsle (_ bv127 7) |oadn#1.irqfds.head|) (bvsge (_ bv1 7) |oadn#1.irqfds.head|)) (and $x815 (bvsge (_ bv1 7) |oadn#1.irqfds.next[irqfd#0]|)) (and $x812 (bvsge (_ bv1 7) |oadn#1.irqfds.next[irqfd#1]|)) (and (bvsle (_ bv0 7) |device(0).pc|) (bvsge (_ bv1 7) |device(0).pc|)) (and (bvsle (_ bv0 7) |device(1).pc|) (bvsge (_ bv1 7) |device(1).pc|)) (and $x803 (bvsge (_ bv4 7) |inject_worker(0).pc|)) (and $x800 (bvsge (_ bv4 7) |inject_worker(1).pc|)) (and (bvsle (_ bv0 7) |guest(0).pc|) (bvsge (_ bv13 7) |guest(0).pc|)) (and (bvsle (_ bv0 7) |user(0).pc|) (bvsge (_ bv31 7) |user(0).pc|)) (and (bvsle (_ bv0 7) |user(1).pc|) (bvsge (_ bv31 7) |user(1).pc|)) (and $x788 (bvsge (_ bv1 7) |inject_worker(0).run_work_of.irqfd_inject.i|)) $x786 (and $x782 (bvsge (_ bv1 7) |inject_worker(1).run_work_of.irqfd_inject.i|)) $x780 (and $x776 (bvsge (_ bv1 7) |guest(0).kvm_notify_acked_irq.n|)) $x774 $x771 (and $x767 (bvsge (_ bv1 7) |guest(0).kvm_notify_acked_irq.oadn_acked.i#2|)) (and $x764 (bvsge (_ bv1 7) |guest(0).kvm_notify_acked_irq.oadn_acked.fd|)) (and $x761 (bvsge (_ bv1 7) |guest(0).kvm_notify_acked_irq.n#cursor|)) $x759 (and (bvsle (_ bv0 7) |user(0).i|) (bvsge (_ bv1 7) |user(0).i|)) (and (bvsle (_ bv0 7) |user(0).n|) (bvsge (_ bv1 7) |user(0).n|)) (and (bvsle (_ bv0 7) |user(0).o|) (bvsge (_ bv1 7) |user(0).o|)) (and (bvsle (_ bv0 7) |user(0).src|) (bvsge (_ bv3 7) |user(0).src|)) (and (bvsle (_ bv0 7) |user(0).found|) (bvsge (_ bv1 7) |user(0).found|)) (and $x740 (bvsge (_ bv3 7) |user(0).kvm_set_irq.src|)) (and $x737 (bvsge (_ bv0 7) |user(0).kvm_set_irq.gsi|)) (and (bvsle (_ bv0 7) |user(1).i|) (bvsge (_ bv1 7) |user(1).i|)) (and (bvsle (_ bv0 7) |user(1).n|) (bvsge (_ bv1 7) |user(1).n|)) (and (bvsle (_ bv0 7) |user(1).o|) (bvsge (_ bv1 7) |user(1).o|)) (and (bvsle (_ bv0 7) |user(1).src|) (bvsge (_ bv3 7) |user(1).src|)) (and (bvsle (_ bv0 7) |user(1).found|) (bvsge (_ bv1 7) |user(1).found|)) (and $x719 (bvsge (_ bv3 7) |user(1).kvm_set_irq.src|)) (and $x716 (bvsge (_ bv0 7) |user(1).kvm_set_irq.gsi|))))))))))))))))))))))))))))))))))))))))))))))))))))))))))
