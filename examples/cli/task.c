/*
 * task.c - one piece of work on a thread of its own (task.h).
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 */
#include "task.h"

static void *task_main(void *arg)
{
	struct task *t = arg;

	t->fn(t->arg);
	return NULL;
}

void task_start(struct task *t, void (*fn)(void *arg), void *arg)
{
	t->fn = fn;
	t->arg = arg;
	t->state = pthread_create(&t->tid, NULL, task_main, t) ? 2 : 1;
	if (t->state == 2) /* no thread: the work is done here */
		fn(arg);
}

void task_join(struct task *t)
{
	if (t->state == 1)
		pthread_join(t->tid, NULL);
	t->state = 0;
}
