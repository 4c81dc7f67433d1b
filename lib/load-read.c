/*
 * load-read.c - one table from its source: the header, then row by row.
 */
#include <stdio.h>
#include <string.h>

#include "abi.h"
#include "load-impl.h"

static void csv_error(struct loader *L, int rc)
{
	if (rc == AIRS_ENOMEM) {
		airs__load_oom(L);
		return;
	}
	/* The converter's reason only when it stopped the reader: it may
	 * have seen damage ahead of an earlier error. */
	if (rc == AIRS_EIO && L->u16 && L->u16->msg[0]) {
		airs__load_report(L, AIRS_EPARSE, AIRS_SEVERITY_ERROR,
		       airs__csv_error_line(L->csv), 0, "%s", L->u16->msg);
		return;
	}
	airs__load_report(L, rc, AIRS_SEVERITY_ERROR, airs__csv_error_line(L->csv),
	       airs__csv_error_column(L->csv), "%s", airs__csv_errmsg(L->csv));
}

/* Rows read between progress reports. */
#define PROGRESS_ROWS 1024

/* Count the bytes read since *done in the progress; stop if cancelled
 * (run() reports the cancellation). */
static void count_bytes(struct loader *L, uint64_t *done)
{
	uint64_t at = L->ranges ? airs__load_ranges_offset(L)
	                        : airs__csv_offset(L->csv);

	if (airs__progress_add(L->progress, at - *done))
		L->stop = 1;
	*done = at;
}

/* The rows after the header, added in file order; the reader's status
 * at the end (0, or its error). */
static int read_rows(struct loader *L)
{
	const struct table *t = L->t;
	uint64_t rows = 0, done = 0;
	/* rows within both limits need no look at which applies */
	const uint64_t within = L->max_rows < L->max_ids ? L->max_rows : L->max_ids;
	int rc = 0;

	while (!L->stop && (rc = L->ranges ? airs__load_ranges_next(L)
	                                   : airs__load_csv_row(L)) == 1) {
		if (++rows > within && airs__load_over_rows(L, rows))
			break;
		airs__load_map_values(L);
		if (airs__load_required_present(L) && t->row(L) == AIRS_ENOMEM)
			airs__load_oom(L);
		if (rows % PROGRESS_ROWS == 0)
			count_bytes(L, &done);
	}
	count_bytes(L, &done);
	return rc;
}

/* Read the table L->t from the reader L->csv, which it frees. */
static void read_table(struct loader *L)
{
	const struct table *t = L->t;
	int rc;

	L->units.n = 0;
	L->later.n = 0;
	L->line = 0;
	memset(L->errs, 0, sizeof L->errs);
	memset(L->dmemo, 0, sizeof L->dmemo);
	memset(L->emmemo, 0, sizeof L->emmemo);
	rc = airs__csv_next(L->csv);
	if (rc <= 0) {
		if (rc == 0)
			airs__load_report(L, AIRS_EPARSE, AIRS_SEVERITY_ERROR, 1, 0,
			       "the file is empty; it needs at least a header "
			       "row");
		else
			csv_error(L, rc);
		goto broken;
	}
	L->line = airs__csv_line(L->csv);
	rc = airs__load_read_header(L);
	if (rc == AIRS_ENOMEM)
		airs__load_oom(L);
	if (rc)
		goto broken;
	rc = airs__load_ranges_rows(L, read_rows);
	if (rc < 0) {
		csv_error(L, rc);
		if (t->defines != K_NONE)
			L->broken[t->defines] = 1;
	}
	airs__load_errs_summary(L);
	/* What the file named ahead is applied even after a row error, so
	 * that collect mode reports problems there too. */
	if (!L->stop) {
		if (t->row == airs__load_row_unit &&
		    (airs__load_add_units(L) || (!L->stop && airs__load_check_unit_depth(L))))
			airs__load_oom(L);
		else if (t->row == airs__load_row_skill)
			airs__load_add_prerequisites(L);
		else if (t->row == airs__load_row_employee) {
			airs__load_set_managers(L);
			if (!L->stop && airs__load_check_chain_depth(L))
				airs__load_oom(L);
		}
	}
	airs__csv_free(L->csv);
	L->csv = NULL;
	return;
broken:
	if (t->defines != K_NONE)
		L->broken[t->defines] = 1;
	airs__csv_free(L->csv);
	L->csv = NULL;
}
static int file_read(void *ctx, char *buf, size_t cap, size_t *got)
{
	FILE *f = ctx;

	*got = fread(buf, 1, cap, f);
	return *got < cap && ferror(f) ? AIRS_EIO : AIRS_OK;
}
/* The UTF-16 byte order mark source src begins with (utf16.h), 0 if
 * none; a file is left at its start. */
static int source_bom(const struct source *src)
{
	char b[2];
	size_t n;

	if (!src->file)
		return airs__utf16_bom(src->data, src->len);
	n = fread(b, 1, 2, src->file);
	if (fseek(src->file, 0, SEEK_SET) != 0)
		return 0; /* then read as it is: the reader reports it */
	return airs__utf16_bom(b, n);
}

/* A reader for src: UTF-8 as it is, UTF-16 with a BOM through L->u16. */
static int open_reader(struct loader *L, const struct source *src)
{
	int order = source_bom(src);

	if (!order && airs__load_ranges_open(L, src))
		return AIRS_ENOMEM;
	if (!order)
		return src->file ? airs__csv_new(&L->csv, &L->mem, file_read,
		                                 src->file, L->max_field)
		                 : airs__csv_new_buffer(&L->csv, &L->mem,
		                                        src->data, src->len,
		                                        L->max_field);
	if (!(L->u16 = airs__malloc(&L->mem, sizeof *L->u16)))
		return AIRS_ENOMEM;
	L->min.p = src->data;
	L->min.left = src->len;
	airs__utf16_init(L->u16, order, src->file ? file_read : airs__mem_read,
	                 src->file ? (void *)src->file : (void *)&L->min);
	return airs__csv_new(&L->csv, &L->mem, airs__utf16_read, L->u16,
	                     L->max_field);
}

/* Read table i from its source. */
void airs__load_read_source(struct loader *L, size_t i,
                            const struct source *src)
{
	L->t = &airs__load_tables[i];
	L->mt = L->map.t ? &L->map.t[i] : NULL;
	if (open_reader(L, src)) {
		airs__load_oom(L);
	} else {
		airs__csv_set_trim(L->csv, 1);
		airs__csv_set_delim(L->csv, L->mt ? L->mt->delim : 0);
		read_table(L);
	}
	airs__load_ranges_close(L);
	airs__free(&L->mem, L->u16);
	L->u16 = NULL;
}
