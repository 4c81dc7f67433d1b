/*
 * version.c - the version of the library actually loaded.
 */
#include "airs/common.h"

const char *airs_version(void)
{
	return AIRS_VERSION_STRING;
}

int airs_version_number(void)
{
	return AIRS_VERSION_NUMBER;
}
