; irqverify certificate
; {"format": 1, "spec": "spec/oadn_v9.irq", "spec_hash": "sha256:c1a4ce14352827a30ab059ce8ca09597823fe71618931de1721ba9fd5290814f", "variant": "shared_source", "property": "irq_unbalanced", "engine": "localization", "k": 1, "encoding": "bv", "tool": "irqverify 0.1.0", "overrides": {}}
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
;   126 <= kvm.irq_ack_notifier_list.head@cur && 1 >= kvm.irq_ack_notifier_list.head@cur
;   126 <= kvm.irq_ack_notifier_list.next[oadn#0]@cur && 1 >= kvm.irq_ack_notifier_list.next[oadn#0]@cur
;   126 <= kvm.irq_ack_notifier_list.next[oadn#1]@cur && 1 >= kvm.irq_ack_notifier_list.next[oadn#1]@cur
;   127 <= irqfds_lock.owner@cur && 6 >= irqfds_lock.owner@cur
;   126 <= gsi_oadn[0]@cur && 1 >= gsi_oadn[0]@cur
;   126 <= fd_irqfd[0]@cur && 1 >= fd_irqfd[0]@cur
;   126 <= fd_irqfd[1]@cur && 1 >= fd_irqfd[1]@cur
;   0 <= irqfd#0.fd@cur && 1 >= irqfd#0.fd@cur
;   126 <= irqfd#0.oadn@cur && 1 >= irqfd#0.oadn@cur
;   0 <= irqfd#1.fd@cur && 1 >= irqfd#1.fd@cur
;   126 <= irqfd#1.oadn@cur && 1 >= irqfd#1.oadn@cur
;   0 <= oadn#0.gsi@cur && 0 >= oadn#0.gsi@cur
;   0 <= oadn#0.src@cur && 3 >= oadn#0.src@cur
;   126 <= oadn#0.irqfds.head@cur && 1 >= oadn#0.irqfds.head@cur
;   126 <= oadn#0.irqfds.next[irqfd#0]@cur && 1 >= oadn#0.irqfds.next[irqfd#0]@cur
;   126 <= oadn#0.irqfds.next[irqfd#1]@cur && 1 >= oadn#0.irqfds.next[irqfd#1]@cur
;   0 <= oadn#1.gsi@cur && 0 >= oadn#1.gsi@cur
;   0 <= oadn#1.src@cur && 3 >= oadn#1.src@cur
;   126 <= oadn#1.irqfds.head@cur && 1 >= oadn#1.irqfds.head@cur
;   126 <= oadn#1.irqfds.next[irqfd#0]@cur && 1 >= oadn#1.irqfds.next[irqfd#0]@cur
;   126 <= oadn#1.irqfds.next[irqfd#1]@cur && 1 >= oadn#1.irqfds.next[irqfd#1]@cur
;   0 <= device(0).pc@cur && 1 >= device(0).pc@cur
;   0 <= device(1).pc@cur && 1 >= device(1).pc@cur
;   0 <= inject_worker(0).pc@cur && 4 >= inject_worker(0).pc@cur
;   0 <= inject_worker(1).pc@cur && 4 >= inject_worker(1).pc@cur
;   0 <= guest(0).pc@cur && 13 >= guest(0).pc@cur
;   0 <= user(0).pc@cur && 31 >= user(0).pc@cur
;   0 <= user(1).pc@cur && 31 >= user(1).pc@cur
;   126 <= inject_worker(0).run_work_of.irqfd_inject.i@cur && 1 >= inject_worker(0).run_work_of.irqfd_inject.i@cur
;   0 <= inject_worker(0).run_work_of.irqfd_inject.kvm_set_irq.src@cur && 3 >= inject_worker(0).run_work_of.irqfd_inject.kvm_set_irq.src@cur
;   126 <= inject_worker(1).run_work_of.irqfd_inject.i@cur && 1 >= inject_worker(1).run_work_of.irqfd_inject.i@cur
;   0 <= inject_worker(1).run_work_of.irqfd_inject.kvm_set_irq.src@cur && 3 >= inject_worker(1).run_work_of.irqfd_inject.kvm_set_irq.src@cur
;   126 <= guest(0).kvm_notify_acked_irq.n@cur && 1 >= guest(0).kvm_notify_acked_irq.n@cur
;   0 <= guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.src@cur && 3 >= guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.src@cur
;   0 <= guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.gsi@cur && 0 >= guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.gsi@cur
;   126 <= guest(0).kvm_notify_acked_irq.oadn_acked.i#2@cur && 1 >= guest(0).kvm_notify_acked_irq.oadn_acked.i#2@cur
;   0 <= guest(0).kvm_notify_acked_irq.oadn_acked.fd@cur && 1 >= guest(0).kvm_notify_acked_irq.oadn_acked.fd@cur
;   126 <= guest(0).kvm_notify_acked_irq.n#cursor@cur && 1 >= guest(0).kvm_notify_acked_irq.n#cursor@cur
;   126 <= guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor@cur && 1 >= guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor@cur
;   126 <= user(0).i@cur && 1 >= user(0).i@cur
;   126 <= user(0).n@cur && 1 >= user(0).n@cur
;   126 <= user(0).o@cur && 1 >= user(0).o@cur
;   0 <= user(0).src@cur && 3 >= user(0).src@cur
;   0 <= user(0).kvm_set_irq.src@cur && 3 >= user(0).kvm_set_irq.src@cur
;   0 <= user(0).kvm_set_irq.gsi@cur && 0 >= user(0).kvm_set_irq.gsi@cur
;   126 <= user(1).i@cur && 1 >= user(1).i@cur
;   126 <= user(1).n@cur && 1 >= user(1).n@cur
;   126 <= user(1).o@cur && 1 >= user(1).o@cur
;   0 <= user(1).src@cur && 3 >= user(1).src@cur
;   0 <= user(1).kvm_set_irq.src@cur && 3 >= user(1).kvm_set_irq.src@cur
;   0 <= user(1).kvm_set_irq.gsi@cur && 0 >= user(1).kvm_set_irq.gsi@cur
(set-logic QF_BV)
(set-info :status unknown)
(declare-fun |user(1).kvm_set_irq.gsi| () (_ BitVec 7))
(declare-fun |user(1).kvm_set_irq.src| () (_ BitVec 7))
(declare-fun |user(1).src| () (_ BitVec 7))
(declare-fun |user(1).o| () (_ BitVec 7))
(declare-fun |user(1).n| () (_ BitVec 7))
(declare-fun |user(1).i| () (_ BitVec 7))
(declare-fun |user(0).kvm_set_irq.gsi| () (_ BitVec 7))
(declare-fun |user(0).kvm_set_irq.src| () (_ BitVec 7))
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
 (let (($x705 (bvsle (_ bv0 7) |user(1).kvm_set_irq.gsi|)))
(let (($x708 (bvsle (_ bv0 7) |user(1).kvm_set_irq.src|)))
(let (($x723 (bvsle (_ bv0 7) |user(0).kvm_set_irq.gsi|)))
(let (($x726 (bvsle (_ bv0 7) |user(0).kvm_set_irq.src|)))
(let (($x741 (bvsle (_ bv126 7) |guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor|)))
(let (($x742 (and $x741 (bvsge (_ bv1 7) |guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor|))))
(let (($x744 (bvsle (_ bv126 7) |guest(0).kvm_notify_acked_irq.n#cursor|)))
(let (($x747 (bvsle (_ bv0 7) |guest(0).kvm_notify_acked_irq.oadn_acked.fd|)))
(let (($x750 (bvsle (_ bv126 7) |guest(0).kvm_notify_acked_irq.oadn_acked.i#2|)))
(let (($x753 (bvsle (_ bv0 7) |guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.gsi|)))
(let (($x754 (and $x753 (bvsge (_ bv0 7) |guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.gsi|))))
(let (($x756 (bvsle (_ bv0 7) |guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.src|)))
(let (($x757 (and $x756 (bvsge (_ bv3 7) |guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.src|))))
(let (($x759 (bvsle (_ bv126 7) |guest(0).kvm_notify_acked_irq.n|)))
(let (($x762 (bvsle (_ bv0 7) |inject_worker(1).run_work_of.irqfd_inject.kvm_set_irq.src|)))
(let (($x763 (and $x762 (bvsge (_ bv3 7) |inject_worker(1).run_work_of.irqfd_inject.kvm_set_irq.src|))))
(let (($x765 (bvsle (_ bv126 7) |inject_worker(1).run_work_of.irqfd_inject.i|)))
(let (($x768 (bvsle (_ bv0 7) |inject_worker(0).run_work_of.irqfd_inject.kvm_set_irq.src|)))
(let (($x769 (and $x768 (bvsge (_ bv3 7) |inject_worker(0).run_work_of.irqfd_inject.kvm_set_irq.src|))))
(let (($x771 (bvsle (_ bv126 7) |inject_worker(0).run_work_of.irqfd_inject.i|)))
(let (($x783 (bvsle (_ bv0 7) |inject_worker(1).pc|)))
(let (($x786 (bvsle (_ bv0 7) |inject_worker(0).pc|)))
(let (($x795 (bvsle (_ bv126 7) |oadn#1.irqfds.next[irqfd#1]|)))
(let (($x798 (bvsle (_ bv126 7) |oadn#1.irqfds.next[irqfd#0]|)))
(let (($x810 (bvsle (_ bv126 7) |oadn#0.irqfds.next[irqfd#1]|)))
(let (($x813 (bvsle (_ bv126 7) |oadn#0.irqfds.next[irqfd#0]|)))
(let (($x849 (bvsle (_ bv126 7) |kvm.irq_ack_notifier_list.next[oadn#1]|)))
(let (($x852 (bvsle (_ bv126 7) |kvm.irq_ack_notifier_list.next[oadn#0]|)))
(let (($x855 (bvsle (_ bv126 7) kvm.irq_ack_notifier_list.head)))
(let (($x861 (bvsle (_ bv0 7) |rcu_nesting[guest(0)]|)))
(let (($x870 (bvsle (_ bv0 7) |preempt_count[user(1)]|)))
(let (($x873 (bvsle (_ bv0 7) |preempt_count[user(0)]|)))
(let (($x876 (bvsle (_ bv0 7) |preempt_count[guest(0)]|)))
(let (($x880 (and (= (_ bv0 7) |user(1).kvm_request_irq_source_id.i|) (= (_ bv0 7) |user(1).kvm_free_irq_source_id.id|))))
(let (($x884 (and (= (_ bv0 7) |user(0).kvm_request_irq_source_id.i|) (and (= (_ bv0 7) |user(0).kvm_free_irq_source_id.id|) $x880))))
(let (($x888 (and (= (_ bv0 7) srcu_callbacks_pending) (and (= (_ bv0 4) kvm.irq_sources_bitmap) $x884))))
(let (($x892 (and (= |softirq_running[user(1)]| false) (and (= (_ bv0 7) rcu_callbacks_pending) $x888))))
(let (($x896 (and (= |softirq_running[guest(0)]| false) (and (= |softirq_running[user(0)]| false) $x892))))
(let (($x900 (and (= |softirq_running[inject_worker(0)]| false) (and (= |softirq_running[inject_worker(1)]| false) $x896))))
(let (($x904 (and (= |softirq_running[device(0)]| false) (and (= |softirq_running[device(1)]| false) $x900))))
(let (($x908 (and (= |hardirq_running[user(0)]| false) (and (= |hardirq_running[user(1)]| false) $x904))))
(let (($x912 (and (= |hardirq_running[inject_worker(1)]| false) (and (= |hardirq_running[guest(0)]| false) $x908))))
(let (($x916 (and (= |hardirq_running[device(1)]| false) (and (= |hardirq_running[inject_worker(0)]| false) $x912))))
(let (($x920 (and (= (_ bv0 7) |rcu_nesting[user(1)]|) (and (= |hardirq_running[device(0)]| false) $x916))))
(let (($x924 (and (= (_ bv0 7) |rcu_nesting[inject_worker(1)]|) (and (= (_ bv0 7) |rcu_nesting[user(0)]|) $x920))))
(let (($x928 (and (= (_ bv0 7) |rcu_nesting[device(1)]|) (and (= (_ bv0 7) |rcu_nesting[inject_worker(0)]|) $x924))))
(let (($x932 (and (= (_ bv0 7) |bh_off[user(1)]|) (and (= (_ bv0 7) |rcu_nesting[device(0)]|) $x928))))
(let (($x938 (and (= (_ bv0 7) |bh_off[inject_worker(1)]|) (and (= (_ bv0 7) |bh_off[guest(0)]|) (and (= (_ bv0 7) |bh_off[user(0)]|) $x932)))))
(let (($x942 (and (= (_ bv0 7) |bh_off[device(1)]|) (and (= (_ bv0 7) |bh_off[inject_worker(0)]|) $x938))))
(let (($x946 (and (= (_ bv0 7) |irqs_off[guest(0)]|) (and (= (_ bv0 7) |bh_off[device(0)]|) $x942))))
(let (($x950 (and (= (_ bv0 7) |irqs_off[inject_worker(0)]|) (and (= (_ bv0 7) |irqs_off[inject_worker(1)]|) $x946))))
(let (($x954 (and (= (_ bv0 7) |irqs_off[device(0)]|) (and (= (_ bv0 7) |irqs_off[device(1)]|) $x950))))
(let (($x958 (and (= (_ bv0 7) |preempt_count[inject_worker(0)]|) (and (= (_ bv0 7) |preempt_count[inject_worker(1)]|) $x954))))
(let (($x962 (and (= (_ bv0 7) |preempt_count[device(0)]|) (and (= (_ bv0 7) |preempt_count[device(1)]|) $x958))))
(and $x962 (and $x876 (bvsge (_ bv2 7) |preempt_count[guest(0)]|)) (and $x873 (bvsge (_ bv2 7) |preempt_count[user(0)]|)) (and $x870 (bvsge (_ bv2 7) |preempt_count[user(1)]|)) (and (bvsle (_ bv0 7) |irqs_off[user(0)]|) (bvsge (_ bv2 7) |irqs_off[user(0)]|)) (and (bvsle (_ bv0 7) |irqs_off[user(1)]|) (bvsge (_ bv2 7) |irqs_off[user(1)]|)) (and $x861 (bvsge (_ bv2 7) |rcu_nesting[guest(0)]|)) (and (bvsle (_ bv127 7) kvm.irq_lock.owner) (bvsge (_ bv6 7) kvm.irq_lock.owner)) (and $x855 (bvsge (_ bv1 7) kvm.irq_ack_notifier_list.head)) (and $x852 (bvsge (_ bv1 7) |kvm.irq_ack_notifier_list.next[oadn#0]|)) (and $x849 (bvsge (_ bv1 7) |kvm.irq_ack_notifier_list.next[oadn#1]|)) (and (bvsle (_ bv127 7) irqfds_lock.owner) (bvsge (_ bv6 7) irqfds_lock.owner)) (and (bvsle (_ bv126 7) |gsi_oadn[0]|) (bvsge (_ bv1 7) |gsi_oadn[0]|)) (and (bvsle (_ bv126 7) |fd_irqfd[0]|) (bvsge (_ bv1 7) |fd_irqfd[0]|)) (and (bvsle (_ bv126 7) |fd_irqfd[1]|) (bvsge (_ bv1 7) |fd_irqfd[1]|)) (and (bvsle (_ bv0 7) |irqfd#0.fd|) (bvsge (_ bv1 7) |irqfd#0.fd|)) (and (bvsle (_ bv126 7) |irqfd#0.oadn|) (bvsge (_ bv1 7) |irqfd#0.oadn|)) (and (bvsle (_ bv0 7) |irqfd#1.fd|) (bvsge (_ bv1 7) |irqfd#1.fd|)) (and (bvsle (_ bv126 7) |irqfd#1.oadn|) (bvsge (_ bv1 7) |irqfd#1.oadn|)) (and (bvsle (_ bv0 7) |oadn#0.gsi|) (bvsge (_ bv0 7) |oadn#0.gsi|)) (and (bvsle (_ bv0 7) |oadn#0.src|) (bvsge (_ bv3 7) |oadn#0.src|)) (and (bvsle (_ bv126 7) |oadn#0.irqfds.head|) (bvsge (_ bv1 7) |oadn#0.irqfds.head|)) (and $x813 (bvsge (_ bv1 7) |oadn#0.irqfds.next[irqfd#0]|)) (and $x810 (bvsge (_ bv1 7) |oadn#0.irqfds.next[irqfd#1]|)) (and (bvsle (_ bv0 7) |oadn#1.gsi|) (bvsge (_ bv0 7) |oadn#1.gsi|)) (and (bvsle (_ bv0 7) |oadn#1.src|) (bvsge (_ bv3 7) |oadn#1.src|)) (and (bvsle (_ bv126 7) |oadn#1.irqfds.head|) (bvsge (_ bv1 7) |oadn#1.irqfds.head|)) (and $x798 (bvsge (_ bv1 7) |oadn#1.irqfds.next[irqfd#0]|)) (and $x795 (bvsge (_ bv1 7) |oadn#1.irqfds.next[irqfd#1]|)) (and (bvsle (_ bv0 7) |device(0).pc|) (bvsge (_ bv1 7) |device(0).pc|)) (and (bvsle (_ bv0 7) |device(1).pc|) (bvsge (_ bv1 7) |device(1).pc|)) (and $x786 (bvsge (_ bv4 7) |inject_worker(0).pc|)) (and $x783 (bvsge (_ bv4 7) |inject_worker(1).pc|)) (and (bvsle (_ bv0 7) |guest(0).pc|) (bvsge (_ bv13 7) |guest(0).pc|)) (and (bvsle (_ bv0 7) |user(0).pc|) (bvsge (_ bv31 7) |user(0).pc|)) (and (bvsle (_ bv0 7) |user(1).pc|) (bvsge (_ bv31 7) |user(1).pc|)) (and $x771 (bvsge (_ bv1 7) |inject_worker(0).run_work_of.irqfd_inject.i|)) $x769 (and $x765 (bvsge (_ bv1 7) |inject_worker(1).run_work_of.irqfd_inject.i|)) $x763 (and $x759 (bvsge (_ bv1 7) |guest(0).kvm_notify_acked_irq.n|)) $x757 $x754 (and $x750 (bvsge (_ bv1 7) |guest(0).kvm_notify_acked_irq.oadn_acked.i#2|)) (and $x747 (bvsge (_ bv1 7) |guest(0).kvm_notify_acked_irq.oadn_acked.fd|)) (and $x744 (bvsge (_ bv1 7) |guest(0).kvm_notify_acked_irq.n#cursor|)) $x742 (and (bvsle (_ bv126 7) |user(0).i|) (bvsge (_ bv1 7) |user(0).i|)) (and (bvsle (_ bv126 7) |user(0).n|) (bvsge (_ bv1 7) |user(0).n|)) (and (bvsle (_ bv126 7) |user(0).o|) (bvsge (_ bv1 7) |user(0).o|)) (and (bvsle (_ bv0 7) |user(0).src|) (bvsge (_ bv3 7) |user(0).src|)) (and $x726 (bvsge (_ bv3 7) |user(0).kvm_set_irq.src|)) (and $x723 (bvsge (_ bv0 7) |user(0).kvm_set_irq.gsi|)) (and (bvsle (_ bv126 7) |user(1).i|) (bvsge (_ bv1 7) |user(1).i|)) (and (bvsle (_ bv126 7) |user(1).n|) (bvsge (_ bv1 7) |user(1).n|)) (and (bvsle (_ bv126 7) |user(1).o|) (bvsge (_ bv1 7) |user(1).o|)) (and (bvsle (_ bv0 7) |user(1).src|) (bvsge (_ bv3 7) |user(1).src|)) (and $x708 (bvsge (_ bv3 7) |user(1).kvm_set_irq.src|)) (and $x705 (bvsge (_ bv0 7) |user(1).kvm_set_irq.gsi|))))))))))))))))))))))))))))))))))))))))))))))))))))))))))
