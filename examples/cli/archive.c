/*
 * archive.c - the CLI's archives (airs/archive.h): the key from a file,
 * `airs score --archive FILE`, and the archives `airs compare` reads.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * The key is the bytes of --archive-key FILE (at least 16; a trailing
 * newline is part of it like any byte), never an argument, which every
 * user of the machine could read in the process list.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_archive_key(struct cli *c, char **key, size_t *len)
{
	int rc;

	*key = NULL;
	*len = 0;
	if (!c->a.archive_key) {
		cli_error(c, "--archive-key FILE is required with archives: the "
		          "employer's secret key (at least %d bytes, e.g. from "
		          "'head -c 32 /dev/urandom > FILE'), the same for every "
		          "archive to be compared", AIRS_ARCHIVE_KEY_MIN);
		return EXIT_USAGE;
	}
	if ((rc = cli_slurp(c, c->a.archive_key, "", EXIT_DATA, key, len)) != EXIT_OK)
		return rc;
	if (*len < AIRS_ARCHIVE_KEY_MIN) {
		cli_error(c, "%s: the key has %zu bytes; archives need at least "
		          "%d", c->a.archive_key, *len, AIRS_ARCHIVE_KEY_MIN);
		free(*key);
		*key = NULL;
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

int cli_write_archive(struct cli *c)
{
	airs_diag d = AIRS_DIAG_INIT;
	char *key;
	size_t len;
	FILE *f;
	int rc;

	if ((rc = cli_archive_key(c, &key, &len)) != EXIT_OK)
		return rc;
	if (!(f = fopen(c->a.archive, "wb"))) {
		cli_error(c, "cannot create '%s': %s", c->a.archive,
		          strerror(errno));
		free(key);
		return EXIT_DATA;
	}
	rc = airs_result_write_archive(c->result, key, len, cli_write_file, f,
	                               &d);
	free(key);
	if (fclose(f) != 0 || rc != AIRS_OK) {
		cli_error(c, "cannot write '%s': %s", c->a.archive,
		          rc == AIRS_OK ? strerror(errno) : d.text);
		return EXIT_DATA;
	}
	return EXIT_OK;
}

static int read_bytes(struct cli *c, const char *path, const char *data,
                      size_t n, const char *key, size_t len,
                      airs_archive **out)
{
	airs_diag d = AIRS_DIAG_INIT;
	int rc = airs_archive_read(out, data, n, key, len, NULL, &d);

	if (rc == AIRS_OK)
		return EXIT_OK;
	cli_error(c, "%s: %s", path, d.text[0] ? d.text : airs_strerror(rc));
	return EXIT_DATA;
}

int cli_read_archive(struct cli *c, const char *path, const char *key,
                     size_t len, airs_archive **out)
{
	char *data;
	size_t n;
	int rc;

	*out = NULL;
	if ((rc = cli_slurp(c, path, "", EXIT_DATA, &data, &n)) != EXIT_OK)
		return rc;
	rc = read_bytes(c, path, data, n, key, len, out);
	free(data);
	return rc;
}

struct mem {
	char *p;
	size_t n, cap;
};

static int to_mem(const void *data, size_t len, void *user)
{
	struct mem *m = user;

	if (m->n + len > m->cap) {
		size_t cap = (m->n + len) * 2;
		char *p = realloc(m->p, cap);
		if (!p)
			return 1;
		m->p = p;
		m->cap = cap;
	}
	memcpy(m->p + m->n, data, len);
	m->n += len;
	return 0;
}

int cli_archive_result(struct cli *c, const char *key, size_t len,
                       airs_archive **out)
{
	struct mem m = { NULL, 0, 0 };
	airs_diag d = AIRS_DIAG_INIT;
	int rc;

	*out = NULL;
	if (airs_result_write_archive(c->result, key, len, to_mem, &m, &d)) {
		cli_error(c, "%s", d.text[0] ? d.text : "out of memory");
		free(m.p);
		return EXIT_DATA;
	}
	rc = read_bytes(c, c->a.data, m.p, m.n, key, len, out);
	free(m.p);
	return rc;
}
