; irqverify certificate
; {"format": 1, "spec": "spec/resampler_mutex.irq", "spec_hash": "sha256:d38772ebcfcb4e698eeff735661bf46a1fa62d13bbe70c5ced57b61572096c80", "variant": "early_unregister", "property": "irq_sources_exhausted", "engine": "k-induction", "k": 1, "encoding": "bv", "tool": "irqverify 0.1.0", "overrides": {}}
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
;   0 <= user(0).pc@cur && 37 >= user(0).pc@cur
;   0 <= user(1).pc@cur && 37 >= user(1).pc@cur
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
 (let (($x8462 (bvsle (_ bv0 8) |user(1).kvm_set_irq.gsi|)))
(let (($x9434 (bvsle (_ bv0 8) |user(0).kvm_set_irq.gsi|)))
(let (($x9527 (bvsge (_ bv1 8) |guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.i#2#cursor|)))
(let (($x4829 (bvsle (_ bv255 8) |guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.i#2#cursor|)))
(let (($x4186 (bvsle (_ bv255 8) |guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.n#cursor|)))
(let (($x4187 (and $x4186 (bvsge (_ bv1 8) |guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.n#cursor|))))
(let (($x12607 (bvsge (_ bv1 8) |guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.fd|)))
(let (($x12885 (bvsle (_ bv0 8) |guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.fd|)))
(let (($x4321 (bvsge (_ bv1 8) |guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.i#2|)))
(let (($x8333 (bvsle (_ bv0 8) |guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.i#2|)))
(let (($x4313 (bvsge (_ bv0 8) |guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.kvm_set_irq.gsi|)))
(let (($x4956 (bvsle (_ bv0 8) |guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.kvm_set_irq.gsi|)))
(let (($x4955 (bvsle (_ bv0 8) |guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.n|)))
(let (($x15408 (and $x4955 (bvsge (_ bv1 8) |guest_unfair(0).guest_eoi_loop.kvm_notify_acked_irq.n|))))
(let (($x16160 (bvsge (_ bv1 8) |guest(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.i#2#cursor|)))
(let (($x16258 (bvsle (_ bv255 8) |guest(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.i#2#cursor|)))
(let (($x15438 (bvsle (_ bv255 8) |guest(0).guest_eoi_loop.kvm_notify_acked_irq.n#cursor|)))
(let (($x15431 (and $x15438 (bvsge (_ bv1 8) |guest(0).guest_eoi_loop.kvm_notify_acked_irq.n#cursor|))))
(let (($x5264 (bvsge (_ bv1 8) |guest(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.fd|)))
(let (($x10181 (bvsle (_ bv0 8) |guest(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.fd|)))
(let (($x11807 (bvsge (_ bv1 8) |guest(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.i#2|)))
(let (($x11610 (bvsle (_ bv0 8) |guest(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.i#2|)))
(let (($x10565 (bvsge (_ bv0 8) |guest(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.kvm_set_irq.gsi|)))
(let (($x10566 (bvsle (_ bv0 8) |guest(0).guest_eoi_loop.kvm_notify_acked_irq.resampler_acked.kvm_set_irq.gsi|)))
(let (($x10569 (bvsle (_ bv0 8) |guest(0).guest_eoi_loop.kvm_notify_acked_irq.n|)))
(let (($x10572 (bvsle (_ bv0 8) |inject_worker(1).run_work_of.irqfd_inject.kvm_set_irq.gsi|)))
(let (($x10573 (and $x10572 (bvsge (_ bv0 8) |inject_worker(1).run_work_of.irqfd_inject.kvm_set_irq.gsi|))))
(let (($x10575 (bvsle (_ bv255 8) |inject_worker(1).run_work_of.irqfd_inject.i|)))
(let (($x12459 (bvsle (_ bv0 8) |inject_worker(0).run_work_of.irqfd_inject.kvm_set_irq.gsi|)))
(let (($x12915 (and $x12459 (bvsge (_ bv0 8) |inject_worker(0).run_work_of.irqfd_inject.kvm_set_irq.gsi|))))
(let (($x12475 (bvsle (_ bv255 8) |inject_worker(0).run_work_of.irqfd_inject.i|)))
(let (($x15476 (bvsle (_ bv0 8) |inject_worker(1).pc|)))
(let (($x9225 (bvsle (_ bv0 8) |inject_worker(0).pc|)))
(let (($x6097 (bvsle (_ bv255 8) |resampler#1.irqfds.next[irqfd#1]|)))
(let (($x15502 (bvsle (_ bv255 8) |resampler#1.irqfds.next[irqfd#0]|)))
(let (($x3626 (bvsle (_ bv255 8) |resampler#1.irqfds.head|)))
(let (($x5235 (bvsle (_ bv255 8) |resampler#0.irqfds.next[irqfd#1]|)))
(let (($x5534 (bvsle (_ bv255 8) |resampler#0.irqfds.next[irqfd#0]|)))
(let (($x7665 (bvsle (_ bv255 8) |resampler#0.irqfds.head|)))
(let (($x5057 (bvsle (_ bv255 8) resampler_lock.owner)))
(let (($x9796 (bvsle (_ bv255 8) |kvm.irq_ack_notifier_list.next[resampler#1]|)))
(let (($x3661 (bvsle (_ bv255 8) |kvm.irq_ack_notifier_list.next[resampler#0]|)))
(let (($x13007 (bvsle (_ bv255 8) kvm.irq_ack_notifier_list.head)))
(let (($x8613 (bvsle (_ bv0 8) |rcu_nesting[user(1)]|)))
(let (($x4572 (bvsle (_ bv0 8) |rcu_nesting[user(0)]|)))
(let (($x5961 (bvsle (_ bv0 8) |rcu_nesting[guest_unfair(0)]|)))
(let (($x13242 (bvsle (_ bv0 8) |rcu_nesting[guest(0)]|)))
(let (($x12957 (bvsle (_ bv0 8) |rcu_nesting[inject_worker(1)]|)))
(let (($x13112 (bvsle (_ bv0 8) |rcu_nesting[inject_worker(0)]|)))
(let (($x14570 (bvsle (_ bv0 8) |rcu_nesting[device(1)]|)))
(let (($x14561 (bvsle (_ bv0 8) |rcu_nesting[device(0)]|)))
(let (($x10676 (bvsle (_ bv0 8) |irqs_off[guest_unfair(0)]|)))
(let (($x10256 (bvsle (_ bv0 8) |irqs_off[inject_worker(1)]|)))
(let (($x3343 (bvsle (_ bv0 8) |irqs_off[inject_worker(0)]|)))
(let (($x3338 (bvsle (_ bv0 8) |irqs_off[device(1)]|)))
(let (($x5387 (bvsle (_ bv0 8) |irqs_off[device(0)]|)))
(let (($x6490 (bvsle (_ bv0 8) |preempt_count[user(1)]|)))
(let (($x8011 (bvsle (_ bv0 8) |preempt_count[user(0)]|)))
(let (($x15176 (bvsle (_ bv0 8) |preempt_count[guest_unfair(0)]|)))
(let (($x9479 (bvsle (_ bv0 8) |preempt_count[guest(0)]|)))
(let (($x5195 (bvsle (_ bv0 8) |preempt_count[inject_worker(1)]|)))
(let (($x8539 (bvsle (_ bv0 8) |preempt_count[inject_worker(0)]|)))
(let (($x4489 (bvsle (_ bv0 8) |preempt_count[device(1)]|)))
(let (($x4475 (bvsle (_ bv0 8) |preempt_count[device(0)]|)))
(let (($x11270 (not false)))
(and $x11270 (and $x4475 (bvsge (_ bv2 8) |preempt_count[device(0)]|)) (and $x4489 (bvsge (_ bv2 8) |preempt_count[device(1)]|)) (and $x8539 (bvsge (_ bv2 8) |preempt_count[inject_worker(0)]|)) (and $x5195 (bvsge (_ bv2 8) |preempt_count[inject_worker(1)]|)) (and $x9479 (bvsge (_ bv2 8) |preempt_count[guest(0)]|)) (and $x15176 (bvsge (_ bv2 8) |preempt_count[guest_unfair(0)]|)) (and $x8011 (bvsge (_ bv2 8) |preempt_count[user(0)]|)) (and $x6490 (bvsge (_ bv2 8) |preempt_count[user(1)]|)) (and $x5387 (bvsge (_ bv2 8) |irqs_off[device(0)]|)) (and $x3338 (bvsge (_ bv2 8) |irqs_off[device(1)]|)) (and $x3343 (bvsge (_ bv2 8) |irqs_off[inject_worker(0)]|)) (and $x10256 (bvsge (_ bv2 8) |irqs_off[inject_worker(1)]|)) (and (bvsle (_ bv0 8) |irqs_off[guest(0)]|) (bvsge (_ bv2 8) |irqs_off[guest(0)]|)) (and $x10676 (bvsge (_ bv2 8) |irqs_off[guest_unfair(0)]|)) (and (bvsle (_ bv0 8) |irqs_off[user(0)]|) (bvsge (_ bv2 8) |irqs_off[user(0)]|)) (and (bvsle (_ bv0 8) |irqs_off[user(1)]|) (bvsge (_ bv2 8) |irqs_off[user(1)]|)) (and $x14561 (bvsge (_ bv2 8) |rcu_nesting[device(0)]|)) (and $x14570 (bvsge (_ bv2 8) |rcu_nesting[device(1)]|)) (and $x13112 (bvsge (_ bv2 8) |rcu_nesting[inject_worker(0)]|)) (and $x12957 (bvsge (_ bv2 8) |rcu_nesting[inject_worker(1)]|)) (and $x13242 (bvsge (_ bv2 8) |rcu_nesting[guest(0)]|)) (and $x5961 (bvsge (_ bv2 8) |rcu_nesting[guest_unfair(0)]|)) (and $x4572 (bvsge (_ bv2 8) |rcu_nesting[user(0)]|)) (and $x8613 (bvsge (_ bv2 8) |rcu_nesting[user(1)]|)) (and (bvsle (_ bv255 8) kvm.irq_lock.owner) (bvsge (_ bv7 8) kvm.irq_lock.owner)) (and $x13007 (bvsge (_ bv1 8) kvm.irq_ack_notifier_list.head)) (and $x3661 (bvsge (_ bv1 8) |kvm.irq_ack_notifier_list.next[resampler#0]|)) (and $x9796 (bvsge (_ bv1 8) |kvm.irq_ack_notifier_list.next[resampler#1]|)) (and $x5057 (bvsge (_ bv7 8) resampler_lock.owner)) (and (bvsle (_ bv255 8) |resampler_list[0]|) (bvsge (_ bv1 8) |resampler_list[0]|)) (and (bvsle (_ bv255 8) irqfds_lock.owner) (bvsge (_ bv7 8) irqfds_lock.owner)) (and (bvsle (_ bv255 8) |fd_irqfd[0]|) (bvsge (_ bv1 8) |fd_irqfd[0]|)) (and (bvsle (_ bv255 8) |fd_irqfd[1]|) (bvsge (_ bv1 8) |fd_irqfd[1]|)) (and (bvsle (_ bv0 8) |irqfd#0.fd|) (bvsge (_ bv1 8) |irqfd#0.fd|)) (and (bvsle (_ bv0 8) |irqfd#0.gsi|) (bvsge (_ bv0 8) |irqfd#0.gsi|)) (and (bvsle (_ bv0 8) |irqfd#1.fd|) (bvsge (_ bv1 8) |irqfd#1.fd|)) (and (bvsle (_ bv0 8) |irqfd#1.gsi|) (bvsge (_ bv0 8) |irqfd#1.gsi|)) (and (bvsle (_ bv0 8) |resampler#0.gsi|) (bvsge (_ bv0 8) |resampler#0.gsi|)) (and $x7665 (bvsge (_ bv1 8) |resampler#0.irqfds.head|)) (and $x5534 (bvsge (_ bv1 8) |resampler#0.irqfds.next[irqfd#0]|)) (and $x5235 (bvsge (_ bv1 8) |resampler#0.irqfds.next[irqfd#1]|)) (and (bvsle (_ bv0 8) |resampler#1.gsi|) (bvsge (_ bv0 8) |resampler#1.gsi|)) (and $x3626 (bvsge (_ bv1 8) |resampler#1.irqfds.head|)) (and $x15502 (bvsge (_ bv1 8) |resampler#1.irqfds.next[irqfd#0]|)) (and $x6097 (bvsge (_ bv1 8) |resampler#1.irqfds.next[irqfd#1]|)) (and (bvsle (_ bv0 8) |device(0).pc|) (bvsge (_ bv1 8) |device(0).pc|)) (and (bvsle (_ bv0 8) |device(1).pc|) (bvsge (_ bv1 8) |device(1).pc|)) (and $x9225 (bvsge (_ bv4 8) |inject_worker(0).pc|)) (and $x15476 (bvsge (_ bv4 8) |inject_worker(1).pc|)) (and (bvsle (_ bv0 8) |guest(0).pc|) (bvsge (_ bv13 8) |guest(0).pc|)) (and (bvsle (_ bv0 8) |guest_unfair(0).pc|) (bvsge (_ bv1 8) |guest_unfair(0).pc|)) (and (bvsle (_ bv0 8) |user(0).pc|) (bvsge (_ bv37 8) |user(0).pc|)) (and (bvsle (_ bv0 8) |user(1).pc|) (bvsge (_ bv37 8) |user(1).pc|)) (and $x12475 (bvsge (_ bv1 8) |inject_worker(0).run_work_of.irqfd_inject.i|)) $x12915 (and $x10575 (bvsge (_ bv1 8) |inject_worker(1).run_work_of.irqfd_inject.i|)) $x10573 (and $x10569 (bvsge (_ bv1 8) |guest(0).guest_eoi_loop.kvm_notify_acked_irq.n|)) (and $x10566 $x10565) (and $x11610 $x11807) (and $x10181 $x5264) $x15431 (and $x16258 $x16160) $x15408 (and $x4956 $x4313) (and $x8333 $x4321) (and $x12885 $x12607) $x4187 (and $x4829 $x9527) (and (bvsle (_ bv0 8) |user(0).i|) (bvsge (_ bv1 8) |user(0).i|)) (and (bvsle (_ bv0 8) |user(0).n|) (bvsge (_ bv1 8) |user(0).n|)) (and (bvsle (_ bv0 8) |user(0).r|) (bvsge (_ bv1 8) |user(0).r|)) (and $x9434 (bvsge (_ bv0 8) |user(0).kvm_set_irq.gsi|)) (and (bvsle (_ bv0 8) |user(1).i|) (bvsge (_ bv1 8) |user(1).i|)) (and (bvsle (_ bv0 8) |user(1).n|) (bvsge (_ bv1 8) |user(1).n|)) (and (bvsle (_ bv0 8) |user(1).r|) (bvsge (_ bv1 8) |user(1).r|)) (and $x8462 (bvsge (_ bv0 8) |user(1).kvm_set_irq.gsi|)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))
