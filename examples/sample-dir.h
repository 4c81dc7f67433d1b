/*
 * sample-dir.h - where the bundled sample company is, for the programs
 * that read it when given no --data (airs report, airs-inspect).
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 */
#ifndef AIRS_SAMPLE_DIR_H
#define AIRS_SAMPLE_DIR_H

/* $AIRS_SAMPLE_DIR if set; else the sample installed beside the running
 * program (BINDIR/../share/airs/sample, so an installed tree works when
 * moved and without the sources); else the source tree's, when it is
 * there (a program run from the build tree); else the installed path
 * compiled in.  The string is static or the environment's. */
const char *airs_sample_dir(void);

#endif
