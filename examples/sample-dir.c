/*
 * sample-dir.c - finding the bundled sample company (sample-dir.h).
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * The build compiles in three places (examples/meson.build): the source
 * tree's sample (SAMPLE_DIR), the installed one (SAMPLE_INSTALLED) and
 * the installed one relative to the installed program (SAMPLE_REL, empty
 * when the install directories are absolute).  The relative one comes
 * first, so that an installed copy never reads a source tree that may
 * have changed or gone.
 */
#include "sample-dir.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef SAMPLE_DIR
#define SAMPLE_DIR "examples/data/sample"
#endif
#ifndef SAMPLE_INSTALLED
#define SAMPLE_INSTALLED SAMPLE_DIR
#endif
#ifndef SAMPLE_REL
#define SAMPLE_REL ""
#endif

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The sample beside the running program, or NULL (Linux: /proc). */
static const char *beside_program(void)
{
	static char buf[4096];
	ssize_t n;
	char *slash;

	if (!SAMPLE_REL[0])
		return NULL;
	n = readlink("/proc/self/exe", buf, sizeof buf - sizeof SAMPLE_REL - 1);
	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	if (!(slash = strrchr(buf, '/')))
		return NULL;
	memcpy(slash + 1, SAMPLE_REL, sizeof SAMPLE_REL);
	return is_dir(buf) ? buf : NULL;
}

const char *airs_sample_dir(void)
{
	const char *env = getenv("AIRS_SAMPLE_DIR");
	const char *near;

	if (env && *env)
		return env;
	if ((near = beside_program()) != NULL)
		return near;
	return is_dir(SAMPLE_DIR) ? SAMPLE_DIR : SAMPLE_INSTALLED;
}
