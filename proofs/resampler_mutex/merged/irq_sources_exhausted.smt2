; irqverify certificate
; {"format": 1, "spec": "spec/resampler_mutex.irq", "spec_hash": "sha256:d38772ebcfcb4e698eeff735661bf46a1fa62d13bbe70c5ced57b61572096c80", "variant": "merged", "property": "irq_sources_exhausted", "engine": "k-induction", "k": 1, "encoding": "bv", "tool": "irqverify 0.1.0", "overrides": {}}
;
; The invariant in the spec's names (informative; the assertion below is what is checked):
;   !false
;   0 <= preempt_count[device(0)]@cur && 2 >= preempt_count[device(0)]@cur
;   0 <= preempt_count[device(1)]@cur && 2 >= preempt_count[device(1)]@cur
;   0 <= preempt_count[inject_worker(0)]@cur && 2 >= preempt_count[inject_worker(0)]@cur
;   0 <= preempt_count[inject_worker(1)]@cur && 2 >= preempt_count[inject_worker(1)]@cur
;   0 <= preempt_count[guest(0)]@cur && 2 >= preempt_count[guest(0)]@cur
;   0 <= preempt_count[guest_unfair(0)]@cur && 2 >= preempt_count[guest_unfair(0)]@cur
;   0 <= preempt_count[user(0)]@cur && 2 >= preempt_count[user(0)]@cur
;   0 <= preempt_count[user(1)]@cur && 2 >= preempt_count[user(1)]@cur
;   0 <= irqs_off[device(0)]@cur && 2 >= irqs_off[device(0)]@cur
;   0 <= irqs_off[device(1)]@cur && 2 >= irqs_off[device(1)]@cur
;   0 <= irqs_off[inject_worker(0)]@cur && 2 >= irqs_off[inject_worker(0)]@cur
;   0 <= irqs_off[inject_worker(1)]@cur && 2 >= irqs_off[inject_worker(1)]@cur
;   0 <= irqs_off[guest(0)]@cur && 2 >= irqs_off[guest(0)]@cur
;   0 <= irqs_off[guest_unfair(0)]@cur && 2 >= irqs_off[guest_unfair(0)]@cur
;   0 <= irqs_off[user(0)]@cur && 2 >= irqs_off[user(0)]@cur
;   0 <= irqs_off[user(1)]@cur && 2 >= irqs_off[user(1)]@cur
;   0 <= rcu_nesting[device(0)]@cur && 2 >= rcu_nesting[device(0)]@cur
;   0 <= rcu_nesting[device(1)]@cur && 2 >= rcu_nesting[device(1)]@cur
;   0 <= rcu_nesting[inject_worker(0)]@cur && 2 >= rcu_nesting[inject_worker(0)]@cur
;   0 <= rcu_nesting[inject_worker(1)]@cur && 2 >= rcu_nesting[inject_worker(1)]@cur
;   0 <= rcu_nesting[guest(0)]@cur && 2 >= rcu_nesting[guest(0)]@cur
;   0 <= rcu_nesting[guest_unfair(0)]@cur && 2 >= rcu_nesting[guest_unfair(0)]@cur
;   0 <= rcu_nesting[user(0)]@cur && 2 >= rcu_nesting[user(0)]@cur
;   0 <= rcu_nesting[user(1)]@cur && 2 >= rcu_nesting[user(1)]@cur
;   255 <= kvm.irq_lock.owner@cur && 7 >= kvm.irq_lock.owner@cur
;   255 <= kvm.irq_ack_notifier_list.head@cur && 1 >= kvm.irq_ack_notifier_list.head@cur
;   255 <= kvm.irq_ack_notifier_list.next[resampler#0]@cur && 1 >= kvm.irq_ack_notifier_list.next[resampler#0]@cur
;   255 <= kvm.irq_ack_notifier_list.next[resampler#1]@cur && 1 >= kvm.irq_ack_notifier_list.next[resampler#1]@cur
;   255 <= resampler_lock.owner@cur && 7 >= resampler_lock.owner@cur
;   255 <= resampler_list[0]@cur && 1 >= resampler_list[0]@cur
;   255 <= irqfds_lock.owner@cur && 7 >= irqfds_lock.owner@cur
;   255 <= fd_irqfd[0]@cur && 1 >= fd_irqfd[0]@cur
;   255 <= fd_irqfd[1]@cur && 1 >= fd_irqfd[1]@cur
;   0 <= irqfd#0.fd@cur && 1 >= irqfd#0.fd@cur
;   0 <= irqfd#0.gsi@cur && 0 >= irqfd#0.gsi@cur
;   0 <= irqfd#1.fd@cur && 1 >= irqfd#1.fd@cur
;   0 <= irqfd#1.gsi@cur && 0 >= irqfd#1.gsi@cur
;   0 <= resampler#0.gsi@cur && 0 >= resampler#0.gsi@cur
;   255 <= resampler#0.irqfds.head@cur && 1 >= resampler#0.irqfds.head@cur
;   255 <= resampler#0.irqfds.next[irqfd#0]@cur && 1 >= resampler#0.irqfds.next[irqfd#0]@cur
;   255 <= resampler#0.irqfds.next[irqfd#1]@cur && 1 >= resampler#0.irqfds.next[irqfd#1]@cur
;   0 <= resampler#1.gsi@cur && 0 >= resampler#1.gsi@cur
;   255 <= resampler#1.irqfds.head@cur && 1 >= resampler#1.irqfds.head@cur
;   255 <= resampler#1.irqfds.next[irqfd#0]@cur && 1 >= resampler#1.irqfds.next[irqfd#0]@cur
;   255 <= resampler#1.irqfds.next[irqfd#1]@cur && 1 >= resampler#1.irqfds.next[irqfd#1]@cur
;   0 <= device(0).pc@cur && 1 >= device(0).pc@cur
;   0 <= device(1).pc@cur && 1 >= device(1).pc@cur
;   0 <= inject_worker(0).pc@cur && 4 >= inject_worker(0).pc@cur
;   0 <= inject_worker(1).pc@cur && 4 >= inject_worker(1).pc@cur
;   0 <= guest(0).pc@cur && 13 >= guest(0).pc@cur
;   0 <= guest_unfair(0).pc@cur && 1 >= guest_unfair(0).pc@cur
;   0 <= user(0).pc@cur && 38 >= user(0).pc@cur
;   0 <= user(1).pc@cur && 38 >= user(1).pc@cur
;   255 <= inject_worker(0).run_work_of.irqfd_inject.i@cur && 1 >= inject_worker(0).run_work_of.irqfd_inject.i@cur
;   0 <= inject_worker(0).run_work_of.irqfd_inject.kvm_set_irq.gsi@cur && 0 >= inject_worker(0).run_work_of.irqfd_inject.kvm_set_irq.gsi@cur
;   255 <= inject_worker(1).run_work_of.irqfd_inject.i@cur && 1 >= inject_worker(1).run_work_of.irqfd_inject.i@cur
;   0 <= inject_worker(1).run_work_of.irqfd_inject.kvm_set_irq.gsi@cur && 0 >= inject_worker(1).run_work_of.irqfd_inject.kvm_set_irq.gsi@cur
;   0 <= guest(0).guest_eoi_loop.kvm_notify_acked_irq.n@cur && 1 >= guest(0).guest_eoi_loop.kvm_notify_acked_irq.n@cur
;   0 <= guest(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.kvm_set_irq.gsi@cur && 0 >= guest(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.kvm_set_irq.gsi@cur
;   0 <= guest(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.i#2@cur && 1 >= guest(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.i#2@cur
;   0 <= guest(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.fd@cur && 1 >= guest(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.fd@cur
;   255 <= guest(0).guest_eoi_loop.kvm_notify_acked_irq.n#cursor@cur && 1 >= guest(0).guest_eoi_loop.kvm_notify_acked_irq.n#cursor@cur
;   255 <= guest(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.i#2#cursor@cur && 1 >= guest(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.i#2#cursor@cur
;   0 <= guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.n@cur && 1 >= guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.n@cur
;   0 <= guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.kvm_set_irq.gsi@cur && 0 >= guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.kvm_set_irq.gsi@cur
;   0 <= guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.i#2@cur && 1 >= guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.i#2@cur
;   0 <= guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.fd@cur && 1 >= guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.fd@cur
;   255 <= guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.n#cursor@cur && 1 >= guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.n#cursor@cur
;   255 <= guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.i#2#cursor@cur && 1 >= guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.i#2#cursor@cur
;   0 <= user(0).i@cur && 1 >= user(0).i@cur
;   0 <= user(0).n@cur && 1 >= user(0).n@cur
;   0 <= user(0).r@cur && 1 >= user(0).r@cur
;   0 <= user(0).kvm_set_irq.gsi@cur && 0 >= user(0).kvm_set_irq.gsi@cur
;   0 <= user(1).i@cur && 1 >= user(1).i@cur
;   0 <= user(1).n@cur && 1 >= user(1).n@cur
;   0 <= user(1).r@cur && 1 >= user(1).r@cur
;   0 <= user(1).kvm_set_irq.gsi@cur && 0 >= user(1).kvm_set_irq.gsi@cur
(set-logic QF_BV)
(set-info :status unknown)
(declare-fun |user(1).kvm_set_irq.gsi| () (_ BitVec 8))
(declare-fun |user(1).r| () (_ BitVec 8))
(declare-fun |user(1).n| () (_ BitVec 8))
(declare-fun |user(1).i| () (_ BitVec 8))
(declare-fun |user(0).kvm_set_irq.gsi| () (_ BitVec 8))
(declare-fun |user(0).r| () (_ BitVec 8))
(declare-fun |user(0).n| () (_ BitVec 8))
(declare-fun |user(0).i| () (_ BitVec 8))
(declare-fun |guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.i#2#cursor| () (_ BitVec 8))
(declare-fun |guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.n#cursor| () (_ BitVec 8))
(declare-fun |guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.fd| () (_ BitVec 8))
(declare-fun |guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.i#2| () (_ BitVec 8))
(declare-fun |guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.kvm_set_irq.gsi| () (_ BitVec 8))
(declare-fun |guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.n| () (_ BitVec 8))
(declare-fun |guest(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.i#2#cursor| () (_ BitVec 8))
(declare-fun |guest(0).guest_eoi_loop.kvm_notify_acked_irq.n#cursor| () (_ BitVec 8))
(declare-fun |guest(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.fd| () (_ BitVec 8))
(declare-fun |guest(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.i#2| () (_ BitVec 8))
(declare-fun |guest(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.kvm_set_irq.gsi| () (_ BitVec 8))
(declare-fun |guest(0).guest_eoi_loop.kvm_notify_acked_irq.n| () (_ BitVec 8))
(declare-fun |inject_worker(1).run_work_of.irqfd_inject.kvm_set_irq.gsi| () (_ BitVec 8))
(declare-fun |inject_worker(1).run_work_of.irqfd_inject.i| () (_ BitVec 8))
(declare-fun |inject_worker(0).run_work_of.irqfd_inject.kvm_set_irq.gsi| () (_ BitVec 8))
(declare-fun |inject_worker(0).run_work_of.irqfd_inject.i| () (_ BitVec 8))
(declare-fun |user(1).pc| () (_ BitVec 8))
(declare-fun |user(0).pc| () (_ BitVec 8))
(declare-fun |guest_unfair(0).pc| () (_ BitVec 8))
(declare-fun |guest(0).pc| () (_ BitVec 8))
(declare-fun |inject_worker(1).pc| () (_ BitVec 8))
(declare-fun |inject_worker(0).pc| () (_ BitVec 8))
(declare-fun |device(1).pc| () (_ BitVec 8))
(declare-fun |device(0).pc| () (_ BitVec 8))
(declare-fun |resampler#1.irqfds.next[irqfd#1]| () (_ BitVec 8))
(declare-fun |resampler#1.irqfds.next[irqfd#0]| () (_ BitVec 8))
(declare-fun |resampler#1.irqfds.head| () (_ BitVec 8))
(declare-fun |resampler#1.gsi| () (_ BitVec 8))
(declare-fun |resampler#0.irqfds.next[irqfd#1]| () (_ BitVec 8))
(declare-fun |resampler#0.irqfds.next[irqfd#0]| () (_ BitVec 8))
(declare-fun |resampler#0.irqfds.head| () (_ BitVec 8))
(declare-fun |resampler#0.gsi| () (_ BitVec 8))
(declare-fun |irqfd#1.gsi| () (_ BitVec 8))
(declare-fun |irqfd#1.fd| () (_ BitVec 8))
(declare-fun |irqfd#0.gsi| () (_ BitVec 8))
(declare-fun |irqfd#0.fd| () (_ BitVec 8))
(declare-fun |fd_irqfd[1]| () (_ BitVec 8))
(declare-fun |fd_irqfd[0]| () (_ BitVec 8))
(declare-fun irqfds_lock.owner () (_ BitVec 8))
(declare-fun |resampler_list[0]| () (_ BitVec 8))
(declare-fun resampler_lock.owner () (_ BitVec 8))
(declare-fun |kvm.irq_ack_notifier_list.next[resampler#1]| () (_ BitVec 8))
(declare-fun |kvm.irq_ack_notifier_list.next[resampler#0]| () (_ BitVec 8))
(declare-fun kvm.irq_ack_notifier_list.head () (_ BitVec 8))
(declare-fun kvm.irq_lock.owner () (_ BitVec 8))
(declare-fun |rcu_nesting[user(1)]| () (_ BitVec 8))
(declare-fun |rcu_nesting[user(0)]| () (_ BitVec 8))
(declare-fun |rcu_nesting[guest_unfair(0)]| () (_ BitVec 8))
(declare-fun |rcu_nesting[guest(0)]| () (_ BitVec 8))
(declare-fun |rcu_nesting[inject_worker(1)]| () (_ BitVec 8))
(declare-fun |rcu_nesting[inject_worker(0)]| () (_ BitVec 8))
(declare-fun |rcu_nesting[device(1)]| () (_ BitVec 8))
(declare-fun |rcu_nesting[device(0)]| () (_ BitVec 8))
(declare-fun |irqs_off[user(1)]| () (_ BitVec 8))
(declare-fun |irqs_off[user(0)]| () (_ BitVec 8))
(declare-fun |irqs_off[guest_unfair(0)]| () (_ BitVec 8))
(declare-fun |irqs_off[guest(0)]| () (_ BitVec 8))
(declare-fun |irqs_off[inject_worker(1)]| () (_ BitVec 8))
(declare-fun |irqs_off[inject_worker(0)]| () (_ BitVec 8))
(declare-fun |irqs_off[device(1)]| () (_ BitVec 8))
(declare-fun |irqs_off[device(0)]| () (_ BitVec 8))
(declare-fun |preempt_count[user(1)]| () (_ BitVec 8))
(declare-fun |preempt_count[user(0)]| () (_ BitVec 8))
(declare-fun |preempt_count[guest_unfair(0)]| () (_ BitVec 8))
(declare-fun |preempt_count[guest(0)]| () (_ BitVec 8))
(declare-fun |preempt_count[inject_worker(1)]| () (_ BitVec 8))
(declare-fun |preempt_count[inject_worker(0)]| () (_ BitVec 8))
(declare-fun |preempt_count[device(1)]| () (_ BitVec 8))
(declare-fun |preempt_count[device(0)]| () (_ BitVec 8))
(assert
 (let (($x7650 (bvsle (_ bv0 8) |user(1).kvm_set_irq.gsi|)))
(let (($x7304 (bvsle (_ bv0 8) |user(0).kvm_set_irq.gsi|)))
(let (($x9068 (bvsge (_ bv1 8) |guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.i#2#cursor|)))
(let (($x8999 (bvsle (_ bv255 8) |guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.i#2#cursor|)))
(let (($x8718 (bvsle (_ bv255 8) |guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.n#cursor|)))
(let (($x5177 (and $x8718 (bvsge (_ bv1 8) |guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.n#cursor|))))
(let (($x5178 (bvsge (_ bv1 8) |guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.fd|)))
(let (($x11338 (bvsle (_ bv0 8) |guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.fd|)))
(let (($x4781 (bvsge (_ bv1 8) |guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.i#2|)))
(let (($x4779 (bvsle (_ bv0 8) |guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.i#2|)))
(let (($x3675 (bvsge (_ bv0 8) |guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.kvm_set_irq.gsi|)))
(let (($x3676 (bvsle (_ bv0 8) |guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.kvm_set_irq.gsi|)))
(let (($x14474 (bvsle (_ bv0 8) |guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.n|)))
(let (($x13684 (and $x14474 (bvsge (_ bv1 8) |guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.n|))))
(let (($x13683 (bvsge (_ bv1 8) |guest(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.i#2#cursor|)))
(let (($x3287 (bvsle (_ bv255 8) |guest(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.i#2#cursor|)))
(let (($x13591 (bvsle (_ bv255 8) |guest(0).guest_eoi_loop.kvm_notify_acked_irq.n#cursor|)))
(let (($x13570 (and $x13591 (bvsge (_ bv1 8) |guest(0).guest_eoi_loop.kvm_notify_acked_irq.n#cursor|))))
(let (($x13549 (bvsge (_ bv1 8) |guest(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.fd|)))
(let (($x13528 (bvsle (_ bv0 8) |guest(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.fd|)))
(let (($x6060 (bvsge (_ bv1 8) |guest(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.i#2|)))
(let (($x13231 (bvsle (_ bv0 8) |guest(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.i#2|)))
(let (($x13191 (bvsge (_ bv0 8) |guest(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.kvm_set_irq.gsi|)))
(let (($x13537 (bvsle (_ bv0 8) |guest(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.kvm_set_irq.gsi|)))
(let (($x13471 (bvsle (_ bv0 8) |guest(0).guest_eoi_loop.kvm_notify_acked_irq.n|)))
(let (($x13429 (bvsle (_ bv0 8) |inject_worker(1).run_work_of.irqfd_inject.kvm_set_irq.gsi|)))
(let (($x13408 (and $x13429 (bvsge (_ bv0 8) |inject_worker(1).run_work_of.irqfd_inject.kvm_set_irq.gsi|))))
(let (($x13356 (bvsle (_ bv255 8) |inject_worker(1).run_work_of.irqfd_inject.i|)))
(let (($x13136 (bvsle (_ bv0 8) |inject_worker(0).run_work_of.irqfd_inject.kvm_set_irq.gsi|)))
(let (($x13367 (and $x13136 (bvsge (_ bv0 8) |inject_worker(0).run_work_of.irqfd_inject.kvm_set_irq.gsi|))))
(let (($x13341 (bvsle (_ bv255 8) |inject_worker(0).run_work_of.irqfd_inject.i|)))
(let (($x13025 (bvsle (_ bv0 8) |inject_worker(1).pc|)))
(let (($x9724 (bvsle (_ bv0 8) |inject_worker(0).pc|)))
(let (($x6008 (bvsle (_ bv255 8) |resampler#1.irqfds.next[irqfd#1]|)))
(let (($x13120 (bvsle (_ bv255 8) |resampler#1.irqfds.next[irqfd#0]|)))
(let (($x12673 (bvsle (_ bv255 8) |resampler#1.irqfds.head|)))
(let (($x13345 (bvsle (_ bv255 8) |resampler#0.irqfds.next[irqfd#1]|)))
(let (($x8634 (bvsle (_ bv255 8) |resampler#0.irqfds.next[irqfd#0]|)))
(let (($x8561 (bvsle (_ bv255 8) |resampler#0.irqfds.head|)))
(let (($x9004 (bvsle (_ bv255 8) resampler_lock.owner)))
(let (($x4141 (bvsle (_ bv255 8) |kvm.irq_ack_notifier_list.next[resampler#1]|)))
(let (($x4131 (bvsle (_ bv255 8) |kvm.irq_ack_notifier_list.next[resampler#0]|)))
(let (($x4381 (bvsle (_ bv255 8) kvm.irq_ack_notifier_list.head)))
(let (($x4479 (bvsle (_ bv0 8) |rcu_nesting[user(1)]|)))
(let (($x8088 (bvsle (_ bv0 8) |rcu_nesting[user(0)]|)))
(let (($x4234 (bvsle (_ bv0 8) |rcu_nesting[guest_unfair(0)]|)))
(let (($x7589 (bvsle (_ bv0 8) |rcu_nesting[guest(0)]|)))
(let (($x13925 (bvsle (_ bv0 8) |rcu_nesting[inject_worker(1)]|)))
(let (($x4309 (bvsle (_ bv0 8) |rcu_nesting[inject_worker(0)]|)))
(let (($x14962 (bvsle (_ bv0 8) |rcu_nesting[device(1)]|)))
(let (($x10332 (bvsle (_ bv0 8) |rcu_nesting[device(0)]|)))
(let (($x5626 (bvsle (_ bv0 8) |irqs_off[guest_unfair(0)]|)))
(let (($x11661 (bvsle (_ bv0 8) |irqs_off[inject_worker(1)]|)))
(let (($x9156 (bvsle (_ bv0 8) |irqs_off[inject_worker(0)]|)))
(let (($x13618 (bvsle (_ bv0 8) |irqs_off[device(1)]|)))
(let (($x13611 (bvsle (_ bv0 8) |irqs_off[device(0)]|)))
(let (($x3385 (bvsle (_ bv0 8) |preempt_count[user(1)]|)))
(let (($x6703 (bvsle (_ bv0 8) |preempt_count[user(0)]|)))
(let (($x6648 (bvsle (_ bv0 8) |preempt_count[guest_unfair(0)]|)))
(let (($x3365 (bvsle (_ bv0 8) |preempt_count[guest(0)]|)))
(let (($x4106 (bvsle (_ bv0 8) |preempt_count[inject_worker(1)]|)))
(let (($x4161 (bvsle (_ bv0 8) |preempt_count[inject_worker(0)]|)))
(let (($x4094 (bvsle (_ bv0 8) |preempt_count[device(1)]|)))
(let (($x4119 (bvsle (_ bv0 8) |preempt_count[device(0)]|)))
(let (($x11357 (not false)))
(and $x11357 (and $x4119 (bvsge (_ bv2 8) |preempt_count[device(0)]|)) (and $x4094 (bvsge (_ bv2 8) |preempt_count[device(1)]|)) (and $x4161 (bvsge (_ bv2 8) |preempt_count[inject_worker(0)]|)) (and $x4106 (bvsge (_ bv2 8) |preempt_count[inject_worker(1)]|)) (and $x3365 (bvsge (_ bv2 8) |preempt_count[guest(0)]|)) (and $x6648 (bvsge (_ bv2 8) |preempt_count[guest_unfair(0)]|)) (and $x6703 (bvsge (_ bv2 8) |preempt_count[user(0)]|)) (and $x3385 (bvsge (_ bv2 8) |preempt_count[user(1)]|)) (and $x13611 (bvsge (_ bv2 8) |irqs_off[device(0)]|)) (and $x13618 (bvsge (_ bv2 8) |irqs_off[device(1)]|)) (and $x9156 (bvsge (_ bv2 8) |irqs_off[inject_worker(0)]|)) (and $x11661 (bvsge (_ bv2 8) |irqs_off[inject_worker(1)]|)) (and (bvsle (_ bv0 8) |irqs_off[guest(0)]|) (bvsge (_ bv2 8) |irqs_off[guest(0)]|)) (and $x5626 (bvsge (_ bv2 8) |irqs_off[guest_unfair(0)]|)) (and (bvsle (_ bv0 8) |irqs_off[user(0)]|) (bvsge (_ bv2 8) |irqs_off[user(0)]|)) (and (bvsle (_ bv0 8) |irqs_off[user(1)]|) (bvsge (_ bv2 8) |irqs_off[user(1)]|)) (and $x10332 (bvsge (_ bv2 8) |rcu_nesting[device(0)]|)) (and $x14962 (bvsge (_ bv2 8) |rcu_nesting[device(1)]|)) (and $x4309 (bvsge (_ bv2 8) |rcu_nesting[inject_worker(0)]|)) (and $x13925 (bvsge (_ bv2 8) |rcu_nesting[inject_worker(1)]|)) (and $x7589 (bvsge (_ bv2 8) |rcu_nesting[guest(0)]|)) (and $x4234 (bvsge (_ bv2 8) |rcu_nesting[guest_unfair(0)]|)) (and $x8088 (bvsge (_ bv2 8) |rcu_nesting[user(0)]|)) (and $x4479 (bvsge (_ bv2 8) |rcu_nesting[user(1)]|)) (and (bvsle (_ bv255 8) kvm.irq_lock.owner) (bvsge (_ bv7 8) kvm.irq_lock.owner)) (and $x4381 (bvsge (_ bv1 8) kvm.irq_ack_notifier_list.head)) (and $x4131 (bvsge (_ bv1 8) |kvm.irq_ack_notifier_list.next[resampler#0]|)) (and $x4141 (bvsge (_ bv1 8) |kvm.irq_ack_notifier_list.next[resampler#1]|)) (and $x9004 (bvsge (_ bv7 8) resampler_lock.owner)) (and (bvsle (_ bv255 8) |resampler_list[0]|) (bvsge (_ bv1 8) |resampler_list[0]|)) (and (bvsle (_ bv255 8) irqfds_lock.owner) (bvsge (_ bv7 8) irqfds_lock.owner)) (and (bvsle (_ bv255 8) |fd_irqfd[0]|) (bvsge (_ bv1 8) |fd_irqfd[0]|)) (and (bvsle (_ bv255 8) |fd_irqfd[1]|) (bvsge (_ bv1 8) |fd_irqfd[1]|)) (and (bvsle (_ bv0 8) |irqfd#0.fd|) (bvsge (_ bv1 8) |irqfd#0.fd|)) (and (bvsle (_ bv0 8) |irqfd#0.gsi|) (bvsge (_ bv0 8) |irqfd#0.gsi|)) (and (bvsle (_ bv0 8) |irqfd#1.fd|) (bvsge (_ bv1 8) |irqfd#1.fd|)) (and (bvsle (_ bv0 8) |irqfd#1.gsi|) (bvsge (_ bv0 8) |irqfd#1.gsi|)) (and (bvsle (_ bv0 8) |resampler#0.gsi|) (bvsge (_ bv0 8) |resampler#0.gsi|)) (and $x8561 (bvsge (_ bv1 8) |resampler#0.irqfds.head|)) (and $x8634 (bvsge (_ bv1 8) |resampler#0.irqfds.next[irqfd#0]|)) (and $x13345 (bvsge (_ bv1 8) |resampler#0.irqfds.next[irqfd#1]|)) (and (bvsle (_ bv0 8) |resampler#1.gsi|) (bvsge (_ bv0 8) |resampler#1.gsi|)) (and $x12673 (bvsge (_ bv1 8) |resampler#1.irqfds.head|)) (and $x13120 (bvsge (_ bv1 8) |resampler#1.irqfds.next[irqfd#0]|)) (and $x6008 (bvsge (_ bv1 8) |resampler#1.irqfds.next[irqfd#1]|)) (and (bvsle (_ bv0 8) |device(0).pc|) (bvsge (_ bv1 8) |device(0).pc|)) (and (bvsle (_ bv0 8) |device(1).pc|) (bvsge (_ bv1 8) |device(1).pc|)) (and $x9724 (bvsge (_ bv4 8) |inject_worker(0).pc|)) (and $x13025 (bvsge (_ bv4 8) |inject_worker(1).pc|)) (and (bvsle (_ bv0 8) |guest(0).pc|) (bvsge (_ bv13 8) |guest(0).pc|)) (and (bvsle (_ bv0 8) |guest_unfair(0).pc|) (bvsge (_ bv1 8) |guest_unfair(0).pc|)) (and (bvsle (_ bv0 8) |user(0).pc|) (bvsge (_ bv38 8) |user(0).pc|)) (and (bvsle (_ bv0 8) |user(1).pc|) (bvsge (_ bv38 8) |user(1).pc|)) (and $x13341 (bvsge (_ bv1 8) |inject_worker(0).run_work_of.irqfd_inject.i|)) $x13367 (and $x13356 (bvsge (_ bv1 8) |inject_worker(1).run_work_of.irqfd_inject.i|)) $x13408 (and $x13471 (bvsge (_ bv1 8) |guest(0).guest_eoi_loop.kvm_notify_acked_irq.n|)) (and $x13537 $x13191) (and $x13231 $x6060) (and $x13528 $x13549) $x13570 (and $x3287 $x13683) $x13684 (and $x3676 $x3675) (and $x4779 $x4781) (and $x11338 $x5178) $x5177 (and $x8999 $x9068) (and (bvsle (_ bv0 8) |user(0).i|) (bvsge (_ bv1 8) |user(0).i|)) (and (bvsle (_ bv0 8) |user(0).n|) (bvsge (_ bv1 8) |user(0).n|)) (and (bvsle (_ bv0 8) |user(0).r|) (bvsge (_ bv1 8) |user(0).r|)) (and $x7304 (bvsge (_ bv0 8) |user(0).kvm_set_irq.gsi|)) (and (bvsle (_ bv0 8) |user(1).i|) (bvsge (_ bv1 8) |user(1).i|)) (and (bvsle (_ bv0 8) |user(1).n|) (bvsge (_ bv1 8) |user(1).n|)) (and (bvsle (_ bv0 8) |user(1).r|) (bvsge (_ bv1 8) |user(1).r|)) (and $x7650 (bvsge (_ bv0 8) |user(1).kvm_set_irq.gsi|)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))
