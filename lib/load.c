/*
 * load.c - a dataset folder (or in-memory tables) into a model: the
 * entry points, the options and the mapping, all or nothing.
 *
 * The loader is the only layer that knows both CSV and the model.  It
 * maps header names to columns, turns trimmed field text into record
 * values, calls the model's validated adds and turns every failure into a
 * "file:line:column: message" diagnostic.  The model does the checking of
 * ranges, references and duplicates; the loader only adds what the model
 * cannot know: which column a field came from and what its raw text was.
 *
 * Three kinds of reference may point forward within a file (a child unit
 * before its parent, a prerequisite naming a later skill, a manager
 * listed after the employee), so those are collected while streaming and
 * applied when the file is done.  Everything else is added row by row, so
 * memory grows only with what the model keeps.
 *
 * All or nothing: a mark of the model is taken first and the model is
 * rolled back to it on any error.  The model's adds only append, and the
 * loader only sets managers and attributes of employees it added itself,
 * so the rollback restores the model exactly.
 *
 * The four record files are read on several threads when there are
 * CPUs for them (see read_records()), with the same result, diagnostics
 * and first error as one thread would give.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "abi.h"
#include "load-impl.h"

/* A refusal before loading starts: the message goes to the model and,
 * when it can hold it, to first (the one error rule, airs/common.h). */
static int refuse(airs_model *m, airs_diag *first, int status,
                  const char *fmt, ...) AIRS__PRINTF(4, 5);

static int refuse(airs_model *m, airs_diag *first, int status,
                  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	airs__vfail(m->failure.msg, status, fmt, ap);
	va_end(ap);
	airs__diag_set(first, status, AIRS_SEVERITY_ERROR, NULL, 0, 0, "%s",
	               m->failure.msg);
	return status;
}

static int begin_load(struct loader *L, airs_model *m,
                      const airs_load_options *opts, airs_diag *first)
{
	airs_load_options o;
	size_t k;

	memset(L, 0, sizeof *L);
	if (!m)
		return AIRS_EINVAL;
	m->failure.msg[0] = '\0';
	if (airs__diag_check(first))
		return airs__fail(m->failure.msg, AIRS_EINVAL,
		                  "first_error: diag size is not set: "
		                  "initialise it with AIRS_DIAG_INIT");
	airs__diag_set(first, AIRS_OK, AIRS_SEVERITY_ERROR, NULL, 0, 0, "%s", "");
	if (AIRS__IN(LOAD_OPTIONS, &o, opts))
		return refuse(m, first, AIRS_EINVAL, "options %s",
		              airs__struct_why(opts, sizeof o,
		                               AIRS__FIRST(LOAD_OPTIONS)));
	if (m->finished)
		return refuse(m, first, AIRS_EINVAL, "the model is finished and "
		              "can no longer change");
	if (!o.map && o.map_len)
		return refuse(m, first, AIRS_EINVAL, "options: map is NULL but "
		              "map_len is %lu", (unsigned long)o.map_len);
	if (o.flags & ~(uint32_t)(AIRS_LOAD_FOLLOW_SYMLINKS | AIRS_LOAD_STRICT))
		return refuse(m, first, AIRS_EINVAL, "options: flags 0x%x has "
		              "bits this library does not know",
		              (unsigned)o.flags);
	L->m = m;
	L->failure = &m->failure;
	airs__model_views(&L->rec, m);
	L->mem = m->mem;
	for (k = 0; k < K_COUNT; k++)
		airs__names_init(&L->failed[k], &m->key);
	L->limit = o.max_errors > 1 ? o.max_errors : 1;
	L->on_diag = o.on_diag;
	L->user = o.user;
	L->max_field = o.max_field;
	L->threads = o.threads > 64 ? 64 : (uint32_t)o.threads;
	L->progress_fn = o.progress;
	L->progress_user = o.progress_user;
	L->max_rows = o.max_rows ? o.max_rows : AIRS_LOAD_MAX_ROWS;
	L->max_ids = o.max_ids ? o.max_ids : AIRS_LOAD_MAX_IDS;
	L->max_depth = o.max_depth ? o.max_depth : AIRS_LOAD_MAX_DEPTH;
	L->max_role_skills = o.max_role_skills ? o.max_role_skills
	                                       : AIRS_LOAD_MAX_ROLE_SKILLS;
	L->flags = o.flags;
	L->map_text = o.map;
	L->map_len = o.map_len;
	L->map_name = o.map_name;
	airs__arena_init(&L->arena, &L->mem);
	return AIRS_OK;
}

/* Parse the options' mapping against the tables.  A mistake in it fails
 * the load before any table is read. */
static int load_map(struct loader *L, airs_diag *first)
{
	airs__map_schema schema[NTABLES];
	airs_diag d = AIRS_DIAG_INIT;
	size_t i;
	int rc;

	for (i = 0; i < NTABLES; i++) {
		schema[i].file = airs__load_tables[i].file;
		schema[i].cols = airs__load_tables[i].names;
		schema[i].ncols = airs__load_tables[i].ncols;
		schema[i].wide = i == T_RESPONSES;
	}
	rc = airs__map_parse(&L->map, &L->mem, schema, NTABLES, L->map_name,
	                     L->map_text, L->map_len, &d);
	if (!rc)
		return AIRS_OK;
	airs__load_emit(L, d.status, AIRS_SEVERITY_ERROR, d.file, d.line,
	                d.column, d.text);
	airs_diag_format(&L->first, L->m->failure.msg, sizeof L->m->failure.msg);
	AIRS__OUT(first, &L->first);
	return rc;
}

static void end_load(struct loader *L)
{
	size_t k;

	for (k = 0; k < K_COUNT; k++)
		airs__names_free(&L->failed[k], &L->mem);
	airs__map_free(&L->map);
	airs__free(&L->mem, L->role_skills);
	airs__arena_free(&L->arena);
	airs__free(&L->mem, L->units.v);
	airs__free(&L->mem, L->later.v);
	airs__free(&L->mem, L->cell);
	airs__free(&L->mem, L->head);
	airs__free(&L->mem, L->attrs);
}
/* Read every given table in dependency order; all or nothing. */
static int run(struct loader *L, struct source *src, airs_diag *first)
{
	airs__model_mark mark;
	airs__progress progress;
	uint64_t total = 0;
	size_t i;

	for (i = 0; i < NTABLES; i++)
		total += src[i].given ? src[i].size : 0;
	airs__progress_init(&progress, L->progress_fn, L->progress_user, total);
	L->progress = &progress;
	airs__model_mark_get(L->m, &mark);
	for (i = 0; i < T_RECORDS && !L->stop; i++)
		if (src[i].given)
			airs__load_read_source(L, i, &src[i]);
	L->registry = L->m->tools.n > 0;
	if (!L->stop)
		airs__load_read_records(L, src);
	if (!L->nerr && airs__progress_finish(&progress) == AIRS_OK) {
		L->m->threads = L->threads; /* for airs_model_finish() */
		L->m->failure.msg[0] = '\0';
		L->m->failure.field = "";
		L->m->failure.rule[0] = '\0';
		return AIRS_OK;
	}
	airs__model_rollback(L->m, &mark);
	if (airs__progress_check(&progress))
		return refuse(L->m, first, AIRS_ECANCELED, "loading was cancelled "
		              "by the progress callback");
	airs_diag_format(&L->first, L->m->failure.msg, sizeof L->m->failure.msg);
	AIRS__OUT(first, &L->first);
	return L->first.status;
}

int airs_load_buffers(airs_model *m, const airs_table_buffer *tb, size_t n,
                      const airs_load_options *opts, airs_diag *first)
{
	struct source src[NTABLES];
	struct loader L;
	size_t i, k;
	int rc;

	if ((rc = begin_load(&L, m, opts, first)))
		return rc;
	if ((rc = load_map(&L, first))) {
		end_load(&L);
		return rc;
	}
	memset(src, 0, sizeof src);
	if (n && !tb) {
		end_load(&L);
		return airs__fail(m->failure.msg, AIRS_EINVAL, "tables is NULL");
	}
	for (i = 0; i < n; i++) {
		const char *name = tb[i].name ? tb[i].name : "";
		for (k = 0; k < NTABLES && strcmp(name, airs__load_tables[k].file); k++)
			;
		if (k == NTABLES || src[k].given || (!tb[i].data && tb[i].len)) {
			char q[64];
			end_load(&L);
			return airs__fail(m->failure.msg, AIRS_EINVAL,
			                  k == NTABLES
			                          ? "table \"%s\" is not a dataset "
			                            "file name"
			                  : src[k].given
			                          ? "table \"%s\" is given twice"
			                          : "table \"%s\" has no data",
			                  airs__load_quote(q, sizeof q, name));
		}
		src[k].given = 1;
		src[k].data = tb[i].data;
		src[k].len = tb[i].len;
		src[k].size = tb[i].len;
	}
	rc = run(&L, src, first);
	end_load(&L);
	return rc;
}

/* An error that is about a file, not a position in it. */
static int file_error(struct loader *L, airs_diag *first, int status,
                      const char *file, const char *fmt, ...)
	AIRS__PRINTF(5, 6);

static int file_error(struct loader *L, airs_diag *first, int status,
                      const char *file, const char *fmt, ...)
{
	char text[AIRS_DIAG_TEXT_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	airs__load_emit(L, status, AIRS_SEVERITY_ERROR, file, 0, 0, text);
	airs_diag_format(&L->first, L->m->failure.msg, sizeof L->m->failure.msg);
	AIRS__OUT(first, &L->first);
	return status;
}

/* Why open() or fdopen() failed, for a file the dataset folder has. */
static const char *open_failure(int err)
{
	switch (err) {
	case ENOENT:
		return "the file is missing from the dataset folder; it is "
		       "required";
	case ELOOP:
		return "the file is a symbolic link, which airs does not "
		       "follow (load option flags AIRS_LOAD_FOLLOW_SYMLINKS; "
		       "CLI: --follow-symlinks)";
	case EACCES:
	case EPERM:
		return "the file cannot be opened: permission denied (make it "
		       "readable by the user running airs)";
	case EMFILE:
	case ENFILE:
		return "the file cannot be opened: too many files are open "
		       "(raise the limit on open files)";
	case ENOMEM:
		return "out of memory opening the file";
	default:
		return "the file cannot be opened";
	}
}

/* Open a table of the dataset folder for reading into src: only a
 * regular file, never through a symbolic link unless the options allow
 * it, and never blocking (a FIFO is refused, not read).  A missing
 * optional table is left unopened. */
static int open_table(struct loader *L, airs_diag *first, const char *path,
                      const char *name, int required, struct source *src)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC |
	                            (L->flags & AIRS_LOAD_FOLLOW_SYMLINKS
	                                     ? 0
	                                     : O_NOFOLLOW));
	struct stat st;

	if (fd < 0 && errno == ENOENT && !required)
		return AIRS_OK;
	if (fd < 0)
		return file_error(L, first,
		                  errno == ENOMEM ? AIRS_ENOMEM : AIRS_EIO, name,
		                  "%s", open_failure(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return file_error(L, first, AIRS_EIO, name,
		                  "the file is not a regular file (a FIFO, a "
		                  "device or a folder): airs reads only regular "
		                  "files");
	}
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0 ||
	    !(src->file = fdopen(fd, "rb"))) {
		/* fdopen() fails for want of memory (its FILE) */
		int err = errno ? errno : ENOMEM;
		close(fd);
		return file_error(L, first,
		                  err == ENOMEM ? AIRS_ENOMEM : AIRS_EIO, name,
		                  "%s", open_failure(err));
	}
	/* The reader pulls 64 KiB at a time; stdio need not buffer on top
	 * of that. */
	setvbuf(src->file, NULL, _IONBF, 0);
	src->given = 1;
	if (st.st_size > 0)
		src->size = (size_t)st.st_size;
	return AIRS_OK;
}

int airs_load_dir(airs_model *m, const char *dir, const airs_load_options *opts,
                  airs_diag *first)
{
	struct source src[NTABLES];
	struct loader L;
	struct stat st;
	char path[4096];
	size_t i;
	int rc = AIRS_OK;

	if ((rc = begin_load(&L, m, opts, first)))
		return rc;
	memset(src, 0, sizeof src);
	if (!dir) {
		end_load(&L);
		return refuse(m, first, AIRS_EINVAL, "dir is NULL");
	}
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		rc = file_error(&L, first, AIRS_EIO, dir,
		                "the dataset folder does not exist or is not a "
		                "folder");
		goto out;
	}
	if ((rc = load_map(&L, first)))
		goto out;
	for (i = 0; i < NTABLES; i++) {
		const char *name = L.map.t && L.map.t[i].file ? L.map.t[i].file
		                                              : airs__load_tables[i].file;
		if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >=
		    sizeof path) {
			rc = file_error(&L, first, AIRS_EIO, name,
			                "the folder path is too long");
			goto out;
		}
		rc = open_table(&L, first, path, name, i == T_EMPLOYEES, &src[i]);
		if (rc)
			goto out;
	}
	rc = run(&L, src, first);
out:
	for (i = 0; i < NTABLES; i++)
		if (src[i].file)
			fclose(src[i].file);
	end_load(&L);
	return rc;
}
