; irqverify certificate
; {"format": 1, "spec": "spec/oadn_v9.irq", "spec_hash": "sha256:6366752678dcec9fbbd48bfecbb29328b728b802c9952a1c9d3477ed792ea394", "variant": "fresh_source", "property": "assertion", "engine": "localization", "k": 1, "encoding": "bv", "tool": "irqverify 0.1.0", "overrides": {}}
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
;   0 <= guest(0).pc@cur && 13 >= guest(0).pc@cur
;   0 <= user(0).pc@cur && 44 >= user(0).pc@cur
;   0 <= user(1).pc@cur && 44 >= user(1).pc@cur
;   255 <= inject_worker(0).run_work_of.irqfd_inject.i@cur && 1 >= inject_worker(0).run_work_of.irqfd_inject.i@cur
;   0 <= inject_worker(0).run_work_of.irqfd_inject.kvm_set_irq.src@cur && 3 >= inject_worker(0).run_work_of.irqfd_inject.kvm_set_irq.src@cur
;   255 <= inject_worker(1).run_work_of.irqfd_inject.i@cur && 1 >= inject_worker(1).run_work_of.irqfd_inject.i@cur
;   0 <= inject_worker(1).run_work_of.irqfd_inject.kvm_set_irq.src@cur && 3 >= inject_worker(1).run_work_of.irqfd_inject.kvm_set_irq.src@cur
;   0 <= guest(0).kvm_notify_acked_irq.n@cur && 1 >= guest(0).kvm_notify_acked_irq.n@cur
;   0 <= guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.src@cur && 3 >= guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.src@cur
;   0 <= guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.gsi@cur && 0 >= guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.gsi@cur
;   0 <= guest(0).kvm_notify_acked_irq.oadn_acked.i#2@cur && 1 >= guest(0).kvm_notify_acked_irq.oadn_acked.i#2@cur
;   0 <= guest(0).kvm_notify_acked_irq.oadn_acked.fd@cur && 1 >= guest(0).kvm_notify_acked_irq.oadn_acked.fd@cur
;   255 <= guest(0).kvm_notify_acked_irq.n#cursor@cur && 1 >= guest(0).kvm_notify_acked_irq.n#cursor@cur
;   255 <= guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor@cur && 1 >= guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor@cur
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
 (let (($x717 (bvsle (_ bv0 8) |user(1).kvm_free_irq_source_id.id|)))
(let (($x720 (bvsle (_ bv0 8) |user(1).kvm_set_irq.gsi|)))
(let (($x723 (bvsle (_ bv0 8) |user(1).kvm_set_irq.src|)))
(let (($x729 (bvsle (_ bv0 8) |user(1).kvm_request_irq_source_id.i|)))
(let (($x744 (bvsle (_ bv0 8) |user(0).kvm_free_irq_source_id.id|)))
(let (($x747 (bvsle (_ bv0 8) |user(0).kvm_set_irq.gsi|)))
(let (($x750 (bvsle (_ bv0 8) |user(0).kvm_set_irq.src|)))
(let (($x756 (bvsle (_ bv0 8) |user(0).kvm_request_irq_source_id.i|)))
(let (($x771 (bvsle (_ bv255 8) |guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor|)))
(let (($x772 (and $x771 (bvsge (_ bv1 8) |guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor|))))
(let (($x774 (bvsle (_ bv255 8) |guest(0).kvm_notify_acked_irq.n#cursor|)))
(let (($x777 (bvsle (_ bv0 8) |guest(0).kvm_notify_acked_irq.oadn_acked.fd|)))
(let (($x780 (bvsle (_ bv0 8) |guest(0).kvm_notify_acked_irq.oadn_acked.i#2|)))
(let (($x783 (bvsle (_ bv0 8) |guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.gsi|)))
(let (($x784 (and $x783 (bvsge (_ bv0 8) |guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.gsi|))))
(let (($x786 (bvsle (_ bv0 8) |guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.src|)))
(let (($x787 (and $x786 (bvsge (_ bv3 8) |guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.src|))))
(let (($x789 (bvsle (_ bv0 8) |guest(0).kvm_notify_acked_irq.n|)))
(let (($x792 (bvsle (_ bv0 8) |inject_worker(1).run_work_of.irqfd_inject.kvm_set_irq.src|)))
(let (($x793 (and $x792 (bvsge (_ bv3 8) |inject_worker(1).run_work_of.irqfd_inject.kvm_set_irq.src|))))
(let (($x795 (bvsle (_ bv255 8) |inject_worker(1).run_work_of.irqfd_inject.i|)))
(let (($x798 (bvsle (_ bv0 8) |inject_worker(0).run_work_of.irqfd_inject.kvm_set_irq.src|)))
(let (($x799 (and $x798 (bvsge (_ bv3 8) |inject_worker(0).run_work_of.irqfd_inject.kvm_set_irq.src|))))
(let (($x801 (bvsle (_ bv255 8) |inject_worker(0).run_work_of.irqfd_inject.i|)))
(let (($x813 (bvsle (_ bv0 8) |inject_worker(1).pc|)))
(let (($x816 (bvsle (_ bv0 8) |inject_worker(0).pc|)))
(let (($x825 (bvsle (_ bv255 8) |oadn#1.irqfds.next[irqfd#1]|)))
(let (($x828 (bvsle (_ bv255 8) |oadn#1.irqfds.next[irqfd#0]|)))
(let (($x840 (bvsle (_ bv255 8) |oadn#0.irqfds.next[irqfd#1]|)))
(let (($x843 (bvsle (_ bv255 8) |oadn#0.irqfds.next[irqfd#0]|)))
(let (($x879 (bvsle (_ bv255 8) |kvm.irq_ack_notifier_list.next[oadn#1]|)))
(let (($x882 (bvsle (_ bv255 8) |kvm.irq_ack_notifier_list.next[oadn#0]|)))
(let (($x885 (bvsle (_ bv255 8) kvm.irq_ack_notifier_list.head)))
(let (($x891 (bvsle (_ bv0 8) |rcu_nesting[guest(0)]|)))
(let (($x900 (bvsle (_ bv0 8) |preempt_count[user(1)]|)))
(let (($x903 (bvsle (_ bv0 8) |preempt_count[user(0)]|)))
(let (($x906 (bvsle (_ bv0 8) |preempt_count[guest(0)]|)))
(let (($x912 (and (= |softirq_running[user(1)]| false) (and (= (_ bv0 8) rcu_callbacks_pending) (= (_ bv0 8) srcu_callbacks_pending)))))
(let (($x916 (and (= |softirq_running[guest(0)]| false) (and (= |softirq_running[user(0)]| false) $x912))))
(let (($x920 (and (= |softirq_running[inject_worker(0)]| false) (and (= |softirq_running[inject_worker(1)]| false) $x916))))
(let (($x924 (and (= |softirq_running[device(0)]| false) (and (= |softirq_running[device(1)]| false) $x920))))
(let (($x928 (and (= |hardirq_running[user(0)]| false) (and (= |hardirq_running[user(1)]| false) $x924))))
(let (($x932 (and (= |hardirq_running[inject_worker(1)]| false) (and (= |hardirq_running[guest(0)]| false) $x928))))
(let (($x936 (and (= |hardirq_running[device(1)]| false) (and (= |hardirq_running[inject_worker(0)]| false) $x932))))
(let (($x940 (and (= (_ bv0 8) |rcu_nesting[user(1)]|) (and (= |hardirq_running[device(0)]| false) $x936))))
(let (($x944 (and (= (_ bv0 8) |rcu_nesting[inject_worker(1)]|) (and (= (_ bv0 8) |rcu_nesting[user(0)]|) $x940))))
(let (($x948 (and (= (_ bv0 8) |rcu_nesting[device(1)]|) (and (= (_ bv0 8) |rcu_nesting[inject_worker(0)]|) $x944))))
(let (($x952 (and (= (_ bv0 8) |bh_off[user(1)]|) (and (= (_ bv0 8) |rcu_nesting[device(0)]|) $x948))))
(let (($x958 (and (= (_ bv0 8) |bh_off[inject_worker(1)]|) (and (= (_ bv0 8) |bh_off[guest(0)]|) (and (= (_ bv0 8) |bh_off[user(0)]|) $x952)))))
(let (($x962 (and (= (_ bv0 8) |bh_off[device(1)]|) (and (= (_ bv0 8) |bh_off[inject_worker(0)]|) $x958))))
(let (($x966 (and (= (_ bv0 8) |irqs_off[guest(0)]|) (and (= (_ bv0 8) |bh_off[device(0)]|) $x962))))
(let (($x970 (and (= (_ bv0 8) |irqs_off[inject_worker(0)]|) (and (= (_ bv0 8) |irqs_off[inject_worker(1)]|) $x966))))
(let (($x974 (and (= (_ bv0 8) |irqs_off[device(0)]|) (and (= (_ bv0 8) |irqs_off[device(1)]|) $x970))))
(let (($x978 (and (= (_ bv0 8) |preempt_count[inject_worker(0)]|) (and (= (_ bv0 8) |preempt_count[inject_worker(1)]|) $x974))))
(let (($x982 (and (= (_ bv0 8) |preempt_count[device(0)]|) (and (= (_ bv0 8) |preempt_count[device(1)]|) $x978))))
(and $x982 (and $x906 (bvsge (_ bv2 8) |preempt_count[guest(0)]|)) (and $x903 (bvsge (_ bv2 8) |preempt_count[user(0)]|)) (and $x900 (bvsge (_ bv2 8) |preempt_count[user(1)]|)) (and (bvsle (_ bv0 8) |irqs_off[user(0)]|) (bvsge (_ bv2 8) |irqs_off[user(0)]|)) (and (bvsle (_ bv0 8) |irqs_off[user(1)]|) (bvsge (_ bv2 8) |irqs_off[user(1)]|)) (and $x891 (bvsge (_ bv2 8) |rcu_nesting[guest(0)]|)) (and (bvsle (_ bv255 8) kvm.irq_lock.owner) (bvsge (_ bv6 8) kvm.irq_lock.owner)) (and $x885 (bvsge (_ bv1 8) kvm.irq_ack_notifier_list.head)) (and $x882 (bvsge (_ bv1 8) |kvm.irq_ack_notifier_list.next[oadn#0]|)) (and $x879 (bvsge (_ bv1 8) |kvm.irq_ack_notifier_list.next[oadn#1]|)) (and (bvsle (_ bv255 8) irqfds_lock.owner) (bvsge (_ bv6 8) irqfds_lock.owner)) (and (bvsle (_ bv255 8) |gsi_oadn[0]|) (bvsge (_ bv1 8) |gsi_oadn[0]|)) (and (bvsle (_ bv255 8) |fd_irqfd[0]|) (bvsge (_ bv1 8) |fd_irqfd[0]|)) (and (bvsle (_ bv255 8) |fd_irqfd[1]|) (bvsge (_ bv1 8) |fd_irqfd[1]|)) (and (bvsle (_ bv0 8) |irqfd#0.fd|) (bvsge (_ bv1 8) |irqfd#0.fd|)) (and (bvsle (_ bv255 8) |irqfd#0.oadn|) (bvsge (_ bv1 8) |irqfd#0.oadn|)) (and (bvsle (_ bv0 8) |irqfd#1.fd|) (bvsge (_ bv1 8) |irqfd#1.fd|)) (and (bvsle (_ bv255 8) |irqfd#1.oadn|) (bvsge (_ bv1 8) |irqfd#1.oadn|)) (and (bvsle (_ bv0 8) |oadn#0.gsi|) (bvsge (_ bv0 8) |oadn#0.gsi|)) (and (bvsle (_ bv0 8) |oadn#0.src|) (bvsge (_ bv3 8) |oadn#0.src|)) (and (bvsle (_ bv255 8) |oadn#0.irqfds.head|) (bvsge (_ bv1 8) |oadn#0.irqfds.head|)) (and $x843 (bvsge (_ bv1 8) |oadn#0.irqfds.next[irqfd#0]|)) (and $x840 (bvsge (_ bv1 8) |oadn#0.irqfds.next[irqfd#1]|)) (and (bvsle (_ bv0 8) |oadn#1.gsi|) (bvsge (_ bv0 8) |oadn#1.gsi|)) (and (bvsle (_ bv0 8) |oadn#1.src|) (bvsge (_ bv3 8) |oadn#1.src|)) (and (bvsle (_ bv255 8) |oadn#1.irqfds.head|) (bvsge (_ bv1 8) |oadn#1.irqfds.head|)) (and $x828 (bvsge (_ bv1 8) |oadn#1.irqfds.next[irqfd#0]|)) (and $x825 (bvsge (_ bv1 8) |oadn#1.irqfds.next[irqfd#1]|)) (and (bvsle (_ bv0 8) |device(0).pc|) (bvsge (_ bv1 8) |device(0).pc|)) (and (bvsle (_ bv0 8) |device(1).pc|) (bvsge (_ bv1 8) |device(1).pc|)) (and $x816 (bvsge (_ bv4 8) |inject_worker(0).pc|)) (and $x813 (bvsge (_ bv4 8) |inject_worker(1).pc|)) (and (bvsle (_ bv0 8) |guest(0).pc|) (bvsge (_ bv13 8) |guest(0).pc|)) (and (bvsle (_ bv0 8) |user(0).pc|) (bvsge (_ bv44 8) |user(0).pc|)) (and (bvsle (_ bv0 8) |user(1).pc|) (bvsge (_ bv44 8) |user(1).pc|)) (and $x801 (bvsge (_ bv1 8) |inject_worker(0).run_work_of.irqfd_inject.i|)) $x799 (and $x795 (bvsge (_ bv1 8) |inject_worker(1).run_work_of.irqfd_inject.i|)) $x793 (and $x789 (bvsge (_ bv1 8) |guest(0).kvm_notify_acked_irq.n|)) $x787 $x784 (and $x780 (bvsge (_ bv1 8) |guest(0).kvm_notify_acked_irq.oadn_acked.i#2|)) (and $x777 (bvsge (_ bv1 8) |guest(0).kvm_notify_acked_irq.oadn_acked.fd|)) (and $x774 (bvsge (_ bv1 8) |guest(0).kvm_notify_acked_irq.n#cursor|)) $x772 (and (bvsle (_ bv0 8) |user(0).i|) (bvsge (_ bv1 8) |user(0).i|)) (and (bvsle (_ bv0 8) |user(0).n|) (bvsge (_ bv1 8) |user(0).n|)) (and (bvsle (_ bv0 8) |user(0).o|) (bvsge (_ bv1 8) |user(0).o|)) (and (bvsle (_ bv0 8) |user(0).src|) (bvsge (_ bv3 8) |user(0).src|)) (and $x756 (bvsge (_ bv3 8) |user(0).kvm_request_irq_source_id.i|)) (and (bvsle (_ bv0 8) |user(0).found|) (bvsge (_ bv1 8) |user(0).found|)) (and $x750 (bvsge (_ bv3 8) |user(0).kvm_set_irq.src|)) (and $x747 (bvsge (_ bv0 8) |user(0).kvm_set_irq.gsi|)) (and $x744 (bvsge (_ bv3 8) |user(0).kvm_free_irq_source_id.id|)) (and (bvsle (_ bv0 8) |user(1).i|) (bvsge (_ bv1 8) |user(1).i|)) (and (bvsle (_ bv0 8) |user(1).n|) (bvsge (_ bv1 8) |user(1).n|)) (and (bvsle (_ bv0 8) |user(1).o|) (bvsge (_ bv1 8) |user(1).o|)) (and (bvsle (_ bv0 8) |user(1).src|) (bvsge (_ bv3 8) |user(1).src|)) (and $x729 (bvsge (_ bv3 8) |user(1).kvm_request_irq_source_id.i|)) (and (bvsle (_ bv0 8) |user(1).found|) (bvsge (_ bv1 8) |user(1).found|)) (and $x723 (bvsge (_ bv3 8) |user(1).kvm_set_irq.src|)) (and $x720 (bvsge (_ bv0 8) |user(1).kvm_set_irq.gsi|)) (and $x717 (bvsge (_ bv3 8) |user(1).kvm_free_irq_source_id.id|)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))
