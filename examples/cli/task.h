/*
 * task.h - one piece of work on a thread of its own, for the `airs`
 * program: started, then joined on every path before what it writes is
 * read.  The report uses it to compute the input digest while the model
 * is scored and the tools table while the report is laid out, on cores
 * that scoring and layout leave idle.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 */
#ifndef AIRS_CLI_TASK_H
#define AIRS_CLI_TASK_H

#include <pthread.h>

struct task {
	void (*fn)(void *arg);
	void *arg;
	pthread_t tid;
	int state; /* 0 none or joined, 1 on its thread, 2 done here */
};

/* Run fn(arg) on a thread of its own; when no thread can be started,
 * fn runs here, before task_start() returns, so the work is done either
 * way.  task_join() must follow on every path. */
void task_start(struct task *t, void (*fn)(void *arg), void *arg);

/* Wait for the task (or run it here); after it, whatever fn wrote may be
 * read.  Joining a task twice, or one never started (zeroed), does
 * nothing. */
void task_join(struct task *t);

#endif
