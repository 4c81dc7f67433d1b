/*
 * airs/version.h - the version of the headers (as generated for 1.1.0).
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * Compare AIRS_VERSION_NUMBER with airs_version_number() at run time to
 * check that the loaded library is at least as new as the headers.
 */
#ifndef AIRS_VERSION_H
#define AIRS_VERSION_H

#define AIRS_VERSION_MAJOR 1
#define AIRS_VERSION_MINOR 1
#define AIRS_VERSION_PATCH 0
#define AIRS_VERSION_STRING "1.1.0"
/* MAJOR * 10000 + MINOR * 100 + PATCH */
#define AIRS_VERSION_NUMBER \
	(AIRS_VERSION_MAJOR * 10000 + AIRS_VERSION_MINOR * 100 + AIRS_VERSION_PATCH)

#endif /* AIRS_VERSION_H */
