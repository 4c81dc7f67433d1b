/* The loaded library and the headers it was built with agree. */
#include <stdio.h>
#include <string.h>

#include <airs/airs.h>

int main(void)
{
	if (airs_version_number() != AIRS_VERSION_NUMBER) {
		printf("library %d, headers %d\n", airs_version_number(),
		       AIRS_VERSION_NUMBER);
		return 1;
	}
	if (strcmp(airs_version(), AIRS_VERSION_STRING) != 0) {
		printf("library \"%s\", headers \"%s\"\n", airs_version(),
		       AIRS_VERSION_STRING);
		return 1;
	}
	printf("airs %s\n", airs_version());
	return 0;
}
