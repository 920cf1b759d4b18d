; irqverify certificate
; {"format": 1, "spec": "spec/oadn_irqlock.irq", "spec_hash": "sha256:95d3c119714d92463301401e72d09a21ddce9878c42164a4580022737ce0ab18", "variant": "sync_under_spinlock", "property": "assertion", "engine": "localization", "k": 1, "encoding": "bv", "tool": "irqverify 0.1.0", "overrides": {}}
;
; The invariant in the spec's names (informative; the assertion below is what is checked):
;   preempt_count[device(0)] == 0 && (preempt_count[device(1)] == 0 && (preempt_count[inject_worker(0)] == 0 && (preempt_count[inject_worker(1)] == 0 && (preempt_count[guest(0)] == 0 && (irqs_off[device(0)] == 0 && (irqs_off[device(1)] == 0 && (irqs_off[inject_worker(0)] == 0 && (irqs_off[inject_worker(1)] == 0 && (irqs_off[guest(0)] == 0 && (bh_off[device(0)] == 0 && (bh_off[device(1)] == 0 && (bh_off[inject_worker(0)] == 0 && (bh_off[inject_worker(1)] == 0 && (bh_off[guest(0)] == 0 && (bh_off[user(0)] == 0 && (bh_off[user(1)] == 0 && (rcu_nesting[device(0)] == 0 && (rcu_nesting[device(1)] == 0 && (rcu_nesting[inject_worker(0)] == 0 && (rcu_nesting[inject_worker(1)] == 0 && (rcu_nesting[user(0)] == 0 && (rcu_nesting[user(1)] == 0 && (hardirq_running[device(0)] == false && (hardirq_running[device(1)] == false && (hardirq_running[inject_worker(0)] == false && (hardirq_running[inject_worker(1)] == false && (hardirq_running[guest(0)] == false && (hardirq_running[user(0)] == false && (hardirq_running[user(1)] == false && (softirq_running[device(0)] == false && (softirq_running[device(1)] == false && (softirq_running[inject_worker(0)] == false && (softirq_running[inject_worker(1)] == false && (softirq_running[guest(0)] == false && (softirq_running[user(0)] == false && (softirq_running[user(1)] == false && (rcu_callbacks_pending == 0 && srcu_callbacks_pending == 0)))))))))))))))))))))))))))))))))))))
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
;   0 <= guest(0).pc@cur && 11 >= guest(0).pc@cur
;   0 <= user(0).pc@cur && 41 >= user(0).pc@cur
;   0 <= user(1).pc@cur && 41 >= user(1).pc@cur
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
 (let (($x716 (bvsle (_ bv0 8) |user(1).kvm_free_irq_source_id.id|)))
(let (($x719 (bvsle (_ bv0 8) |user(1).kvm_set_irq.gsi|)))
(let (($x722 (bvsle (_ bv0 8) |user(1).kvm_set_irq.src|)))
(let (($x728 (bvsle (_ bv0 8) |user(1).kvm_request_irq_source_id.i|)))
(let (($x743 (bvsle (_ bv0 8) |user(0).kvm_free_irq_source_id.id|)))
(let (($x746 (bvsle (_ bv0 8) |user(0).kvm_set_irq.gsi|)))
(let (($x749 (bvsle (_ bv0 8) |user(0).kvm_set_irq.src|)))
(let (($x755 (bvsle (_ bv0 8) |user(0).kvm_request_irq_source_id.i|)))
(let (($x770 (bvsle (_ bv255 8) |guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor|)))
(let (($x771 (and $x770 (bvsge (_ bv1 8) |guest(0).kvm_notify_acked_irq.oadn_acked.i#2#cursor|))))
(let (($x773 (bvsle (_ bv255 8) |guest(0).kvm_notify_acked_irq.n#cursor|)))
(let (($x776 (bvsle (_ bv0 8) |guest(0).kvm_notify_acked_irq.oadn_acked.fd|)))
(let (($x779 (bvsle (_ bv0 8) |guest(0).kvm_notify_acked_irq.oadn_acked.i#2|)))
(let (($x782 (bvsle (_ bv0 8) |guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.gsi|)))
(let (($x783 (and $x782 (bvsge (_ bv0 8) |guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.gsi|))))
(let (($x785 (bvsle (_ bv0 8) |guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.src|)))
(let (($x786 (and $x785 (bvsge (_ bv3 8) |guest(0).kvm_notify_acked_irq.oadn_acked.kvm_set_irq.src|))))
(let (($x788 (bvsle (_ bv0 8) |guest(0).kvm_notify_acked_irq.n|)))
(let (($x791 (bvsle (_ bv0 8) |inject_worker(1).run_work_of.irqfd_inject.kvm_set_irq.src|)))
(let (($x792 (and $x791 (bvsge (_ bv3 8) |inject_worker(1).run_work_of.irqfd_inject.kvm_set_irq.src|))))
(let (($x794 (bvsle (_ bv255 8) |inject_worker(1).run_work_of.irqfd_inject.i|)))
(let (($x797 (bvsle (_ bv0 8) |inject_worker(0).run_work_of.irqfd_inject.kvm_set_irq.src|)))
(let (($x798 (and $x797 (bvsge (_ bv3 8) |inject_worker(0).run_work_of.irqfd_inject.kvm_set_irq.src|))))
(let (($x800 (bvsle (_ bv255 8) |inject_worker(0).run_work_of.irqfd_inject.i|)))
(let (($x812 (bvsle (_ bv0 8) |inject_worker(1).pc|)))
(let (($x815 (bvsle (_ bv0 8) |inject_worker(0).pc|)))
(let (($x824 (bvsle (_ bv255 8) |oadn#1.irqfds.next[irqfd#1]|)))
(let (($x827 (bvsle (_ bv255 8) |oadn#1.irqfds.next[irqfd#0]|)))
(let (($x839 (bvsle (_ bv255 8) |oadn#0.irqfds.next[irqfd#1]|)))
(let (($x842 (bvsle (_ bv255 8) |oadn#0.irqfds.next[irqfd#0]|)))
(let (($x878 (bvsle (_ bv255 8) |kvm.irq_ack_notifier_list.next[oadn#1]|)))
(let (($x881 (bvsle (_ bv255 8) |kvm.irq_ack_notifier_list.next[oadn#0]|)))
(let (($x884 (bvsle (_ bv255 8) kvm.irq_ack_notifier_list.head)))
(let (($x890 (bvsle (_ bv0 8) |rcu_nesting[guest(0)]|)))
(let (($x899 (bvsle (_ bv0 8) |preempt_count[user(1)]|)))
(let (($x902 (bvsle (_ bv0 8) |preempt_count[user(0)]|)))
(let (($x908 (and (= |softirq_running[user(1)]| false) (and (= (_ bv0 8) rcu_callbacks_pending) (= (_ bv0 8) srcu_callbacks_pending)))))
(let (($x912 (and (= |softirq_running[guest(0)]| false) (and (= |softirq_running[user(0)]| false) $x908))))
(let (($x916 (and (= |softirq_running[inject_worker(0)]| false) (and (= |softirq_running[inject_worker(1)]| false) $x912))))
(let (($x920 (and (= |softirq_running[device(0)]| false) (and (= |softirq_running[device(1)]| false) $x916))))
(let (($x924 (and (= |hardirq_running[user(0)]| false) (and (= |hardirq_running[user(1)]| false) $x920))))
(let (($x928 (and (= |hardirq_running[inject_worker(1)]| false) (and (= |hardirq_running[guest(0)]| false) $x924))))
(let (($x932 (and (= |hardirq_running[device(1)]| false) (and (= |hardirq_running[inject_worker(0)]| false) $x928))))
(let (($x936 (and (= (_ bv0 8) |rcu_nesting[user(1)]|) (and (= |hardirq_running[device(0)]| false) $x932))))
(let (($x940 (and (= (_ bv0 8) |rcu_nesting[inject_worker(1)]|) (and (= (_ bv0 8) |rcu_nesting[user(0)]|) $x936))))
(let (($x944 (and (= (_ bv0 8) |rcu_nesting[device(1)]|) (and (= (_ bv0 8) |rcu_nesting[inject_worker(0)]|) $x940))))
(let (($x948 (and (= (_ bv0 8) |bh_off[user(1)]|) (and (= (_ bv0 8) |rcu_nesting[device(0)]|) $x944))))
(let (($x954 (and (= (_ bv0 8) |bh_off[inject_worker(1)]|) (and (= (_ bv0 8) |bh_off[guest(0)]|) (and (= (_ bv0 8) |bh_off[user(0)]|) $x948)))))
(let (($x958 (and (= (_ bv0 8) |bh_off[device(1)]|) (and (= (_ bv0 8) |bh_off[inject_worker(0)]|) $x954))))
(let (($x962 (and (= (_ bv0 8) |irqs_off[guest(0)]|) (and (= (_ bv0 8) |bh_off[device(0)]|) $x958))))
(let (($x966 (and (= (_ bv0 8) |irqs_off[inject_worker(0)]|) (and (= (_ bv0 8) |irqs_off[inject_worker(1)]|) $x962))))
(let (($x970 (and (= (_ bv0 8) |irqs_off[device(0)]|) (and (= (_ bv0 8) |irqs_off[device(1)]|) $x966))))
(let (($x974 (and (= (_ bv0 8) |preempt_count[inject_worker(1)]|) (and (= (_ bv0 8) |preempt_count[guest(0)]|) $x970))))
(let (($x978 (and (= (_ bv0 8) |preempt_count[device(1)]|) (and (= (_ bv0 8) |preempt_count[inject_worker(0)]|) $x974))))
(and (and (= (_ bv0 8) |preempt_count[device(0)]|) $x978) (and $x902 (bvsge (_ bv2 8) |preempt_count[user(0)]|)) (and $x899 (bvsge (_ bv2 8) |preempt_count[user(1)]|)) (and (bvsle (_ bv0 8) |irqs_off[user(0)]|) (bvsge (_ bv2 8) |irqs_off[user(0)]|)) (and (bvsle (_ bv0 8) |irqs_off[user(1)]|) (bvsge (_ bv2 8) |irqs_off[user(1)]|)) (and $x890 (bvsge (_ bv2 8) |rcu_nesting[guest(0)]|)) (and (bvsle (_ bv255 8) kvm.irq_lock.owner) (bvsge (_ bv6 8) kvm.irq_lock.owner)) (and $x884 (bvsge (_ bv1 8) kvm.irq_ack_notifier_list.head)) (and $x881 (bvsge (_ bv1 8) |kvm.irq_ack_notifier_list.next[oadn#0]|)) (and $x878 (bvsge (_ bv1 8) |kvm.irq_ack_notifier_list.next[oadn#1]|)) (and (bvsle (_ bv255 8) irqfds_lock.owner) (bvsge (_ bv6 8) irqfds_lock.owner)) (and (bvsle (_ bv255 8) |gsi_oadn[0]|) (bvsge (_ bv1 8) |gsi_oadn[0]|)) (and (bvsle (_ bv255 8) |fd_irqfd[0]|) (bvsge (_ bv1 8) |fd_irqfd[0]|)) (and (bvsle (_ bv255 8) |fd_irqfd[1]|) (bvsge (_ bv1 8) |fd_irqfd[1]|)) (and (bvsle (_ bv0 8) |irqfd#0.fd|) (bvsge (_ bv1 8) |irqfd#0.fd|)) (and (bvsle (_ bv255 8) |irqfd#0.oadn|) (bvsge (_ bv1 8) |irqfd#0.oadn|)) (and (bvsle (_ bv0 8) |irqfd#1.fd|) (bvsge (_ bv1 8) |irqfd#1.fd|)) (and (bvsle (_ bv255 8) |irqfd#1.oadn|) (bvsge (_ bv1 8) |irqfd#1.oadn|)) (and (bvsle (_ bv0 8) |oadn#0.gsi|) (bvsge (_ bv0 8) |oadn#0.gsi|)) (and (bvsle (_ bv0 8) |oadn#0.src|) (bvsge (_ bv3 8) |oadn#0.src|)) (and (bvsle (_ bv255 8) |oadn#0.irqfds.head|) (bvsge (_ bv1 8) |oadn#0.irqfds.head|)) (and $x842 (bvsge (_ bv1 8) |oadn#0.irqfds.next[irqfd#0]|)) (and $x839 (bvsge (_ bv1 8) |oadn#0.irqfds.next[irqfd#1]|)) (and (bvsle (_ bv0 8) |oadn#1.gsi|) (bvsge (_ bv0 8) |oadn#1.gsi|)) (and (bvsle (_ bv0 8) |oadn#1.src|) (bvsge (_ bv3 8) |oadn#1.src|)) (and (bvsle (_ bv255 8) |oadn#1.irqfds.head|) (bvsge (_ bv1 8) |oadn#1.irqfds.head|)) (and $x827 (bvsge (_ bv1 8) |oadn#1.irqfds.next[irqfd#0]|)) (and $x824 (bvsge (_ bv1 8) |oadn#1.irqfds.next[irqfd#1]|)) (and (bvsle (_ bv0 8) |device(0).pc|) (bvsge (_ bv1 8) |device(0).pc|)) (and (bvsle (_ bv0 8) |device(1).pc|) (bvsge (_ bv1 8) |device(1).pc|)) (and $x815 (bvsge (_ bv4 8) |inject_worker(0).pc|)) (and $x812 (bvsge (_ bv4 8) |inject_worker(1).pc|)) (and (bvsle (_ bv0 8) |guest(0).pc|) (bvsge (_ bv11 8) |guest(0).pc|)) (and (bvsle (_ bv0 8) |user(0).pc|) (bvsge (_ bv41 8) |user(0).pc|)) (and (bvsle (_ bv0 8) |user(1).pc|) (bvsge (_ bv41 8) |user(1).pc|)) (and $x800 (bvsge (_ bv1 8) |inject_worker(0).run_work_of.irqfd_inject.i|)) $x798 (and $x794 (bvsge (_ bv1 8) |inject_worker(1).run_work_of.irqfd_inject.i|)) $x792 (and $x788 (bvsge (_ bv1 8) |guest(0).kvm_notify_acked_irq.n|)) $x786 $x783 (and $x779 (bvsge (_ bv1 8) |guest(0).kvm_notify_acked_irq.oadn_acked.i#2|)) (and $x776 (bvsge (_ bv1 8) |guest(0).kvm_notify_acked_irq.oadn_acked.fd|)) (and $x773 (bvsge (_ bv1 8) |guest(0).kvm_notify_acked_irq.n#cursor|)) $x771 (and (bvsle (_ bv0 8) |user(0).i|) (bvsge (_ bv1 8) |user(0).i|)) (and (bvsle (_ bv0 8) |user(0).n|) (bvsge (_ bv1 8) |user(0).n|)) (and (bvsle (_ bv0 8) |user(0).o|) (bvsge (_ bv1 8) |user(0).o|)) (and (bvsle (_ bv0 8) |user(0).src|) (bvsge (_ bv3 8) |user(0).src|)) (and $x755 (bvsge (_ bv3 8) |user(0).kvm_request_irq_source_id.i|)) (and (bvsle (_ bv0 8) |user(0).found|) (bvsge (_ bv1 8) |user(0).found|)) (and $x749 (bvsge (_ bv3 8) |user(0).kvm_set_irq.src|)) (and $x746 (bvsge (_ bv0 8) |user(0).kvm_set_irq.gsi|)) (and $x743 (bvsge (_ bv3 8) |user(0).kvm_free_irq_source_id.id|)) (and (bvsle (_ bv0 8) |user(1).i|) (bvsge (_ bv1 8) |user(1).i|)) (and (bvsle (_ bv0 8) |user(1).n|) (bvsge (_ bv1 8) |user(1).n|)) (and (bvsle (_ bv0 8) |user(1).o|) (bvsge (_ bv1 8) |user(1).o|)) (and (bvsle (_ bv0 8) |user(1).src|) (bvsge (_ bv3 8) |user(1).src|)) (and $x728 (bvsge (_ bv3 8) |user(1).kvm_request_irq_source_id.i|)) (and (bvsle (_ bv0 8) |user(1).found|) (bvsge (_ bv1 8) |user(1).found|)) (and $x722 (bvsge (_ bv3 8) |user(1).kvm_set_irq.src|)) (and $x719 (bvsge (_ bv0 8) |user(1).kvm_set_irq.gsi|)) (and $x716 (bvsge (_ bv3 8) |user(1).kvm_free_irq_source_id.id|))))))))))))))))))))))))))))))))))))))))))))))))))))))))))
