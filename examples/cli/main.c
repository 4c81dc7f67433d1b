/*
 * main.c - `airs`: dispatch to subcommands, common options, loading and
 * scoring.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * Conventions (docs/cli.md): data goes to stdout (or --output), every
 * diagnostic to stderr; exit 0 ok, 1 data or validation errors, 2 usage
 * errors.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "task.h"
#include "../sample-dir.h"

#define CLI_SCORE_MAX_ERRORS 20


static const struct cli_command *const commands[] = {
	&cmd_validate, &cmd_score, &cmd_report, &cmd_explain, &cmd_plan,
	&cmd_audit, &cmd_tools, &cmd_drivers, &cmd_merge, &cmd_compare,
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

/* Every option of every subcommand, with the help line shown for it. */
struct option {
	const char *name;
	const char *metavar;  /* NULL: a switch */
	const char *help;
};

static const struct option options[] = {
	{ "data", "DIR", "dataset folder (docs/data-format.md)" },
	{ "config", "FILE", "scoring parameters file (docs/configuration.md)" },
	{ "set", "NAME=VALUE", "set a parameter; repeatable, after --config" },
	{ "as-of", "DATE", "score as of YYYY-MM-DD (default: latest in the data)" },
	{ "format", "FORMAT", "output format, one of those listed below" },
	{ "output", "FILE", "write to FILE instead of standard output" },
	{ "unit", "ID", "only employees of this unit and the units below it" },
	{ "employee", "ID", "the employee, by id" },
	{ "attribute", "NAME", "attribute to audit, e.g. gender (column attr_gender)" },
	{ "attribute2", "NAME", "a second attribute, audited on its own too" },
	{ "intersection", NULL, "with --attribute2: also audit the intersection" },
	{ "outcome", "NAME", "what to compare; see below" },
	{ "org", NULL, "plan for the whole organisation" },
	{ "budget", "HOURS", "hours: the person's, or the organisation's total" },
	{ "strategy", "NAME", "target_first (default), efficiency, equity, blend" },
	{ "weekly-hours", "H", "learning hours a week (sets plan.weekly_hours)" },
	{ "depth", "N", "unit levels shown below the top (default 2)" },
	{ "by", "GROUPS", "unit (default) or manager: the groups reported on" },
	{ "manager", "ID", "one manager's team and line (employee id)" },
	{ "base", "DIR", "the dataset to compare with (compare)" },
	{ "base-as-of", "DATE", "the base's as-of date (compare)" },
	{ "follow-symlinks", NULL, "read dataset files that are symbolic links" },
	{ "map", "FILE", "mapping of an export's columns, values and formats" },
	{ "strict", NULL, "an unknown column is an error, not a warning" },
	{ "partial", "FILE", "also write this shard's rollup partial (airs merge)" },
	{ "partial-format", "FORMAT", "text (default) or binary: smaller, faster to merge" },
	{ "archive", "FILE", "an archive: written (score) or read (compare)" },
	{ "archive-key", "FILE", "the archives' secret key (at least 16 bytes)" },
	{ "base-archive", "FILE", "the archive to compare with (compare)" },
	{ "help", NULL, "show this help" },
};
#define NOPTIONS (sizeof options / sizeof options[0])

void cli_error(const struct cli *c, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s%s%s: ", c->prog, c->cmd ? " " : "",
	        c->cmd ? c->cmd : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* ---- suggestions ------------------------------------------------------ */

static size_t distance(const char *a, size_t la, const char *b, size_t lb)
{
	size_t row[64], i, j;

	if (la >= 64 || lb >= 64)
		return (size_t)-1;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0], t;

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			t = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = t;
		}
	}
	return row[lb];
}

const char *cli_suggest(const char *word, const char *candidates, char *buf,
                        size_t n)
{
	size_t lw = strlen(word), best = (size_t)-1;
	const char *p = candidates;

	buf[0] = '\0';
	while (*p) {
		size_t len = strcspn(p, " ");
		size_t d = distance(word, lw, p, len);

		/* A prefix counts as close: "--out" means "--output". */
		if (lw >= 2 && lw < len && strncmp(word, p, lw) == 0)
			d = 1;
		if (d < best && len < n) {
			best = d;
			memcpy(buf, p, len);
			buf[len] = '\0';
		}
		p += len;
		while (*p == ' ')
			p++;
	}
	return best <= (lw > 4 ? 2u : 1u) ? buf : NULL;
}

/* ---- help ------------------------------------------------------------- */

static void print_version(void)
{
	printf("airs %s (library %s, methodology %s)\n", AIRS_VERSION_STRING,
	       airs_version(), AIRS_METHODOLOGY_VERSION);
}

static void print_usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: airs <command> [options]\n"
	           "       airs <command> --help\n"
	           "       airs --version\n\n"
	           "Score how ready a workforce is to adopt AI tools.\n\n"
	           "commands:\n");
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
	fprintf(f, "  %-10s %s\n", "help", "show help for airs or a command");
	fprintf(f, "\nStart with `airs report`: it runs on the bundled sample "
	           "company.\nExit status: 0 ok, 1 data errors, 2 usage errors. "
	           "See airs(1) and docs/cli.md.\n");
}

static const struct option *find_option(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < NOPTIONS; i++)
		if (strlen(options[i].name) == len &&
		    memcmp(options[i].name, name, len) == 0)
			return &options[i];
	return NULL;
}

static void print_command_help(const struct cli_command *cmd)
{
	const char *p = cmd->options;

	printf("usage: airs %s %s\n\n%s\n\noptions:\n", cmd->name, cmd->usage,
	       cmd->summary);
	while (*p) {
		size_t len = strcspn(p, " ");
		const struct option *o = find_option(p, len);
		char left[48];

		if (o && o->help) {
			snprintf(left, sizeof left, "--%s%s%s", o->name,
			         o->metavar ? " " : "", o->metavar ? o->metavar : "");
			printf("  %-24s %s\n", left, o->help);
		}
		p += len;
		while (*p == ' ')
			p++;
	}
	printf("%s", cmd->help);
}

/* ---- parsing ---------------------------------------------------------- */

static int accepts(const struct cli_command *cmd, const char *name, size_t len)
{
	const char *p = cmd->options;

	while (*p) {
		size_t l = strcspn(p, " ");

		if (l == len && memcmp(p, name, len) == 0)
			return 1;
		p += l;
		while (*p == ' ')
			p++;
	}
	return 0;
}

static int set_option(struct cli *c, const char *name, const char *value)
{
	struct cli_args *a = &c->a;

	if (!strcmp(name, "data")) a->data = value;
	else if (!strcmp(name, "config")) a->config = value;
	else if (!strcmp(name, "as-of")) a->as_of = value;
	else if (!strcmp(name, "format")) a->format = value;
	else if (!strcmp(name, "output")) a->output = value;
	else if (!strcmp(name, "unit")) a->unit = value;
	else if (!strcmp(name, "employee")) a->employee = value;
	else if (!strcmp(name, "attribute")) a->attribute = value;
	else if (!strcmp(name, "attribute2")) a->attribute2 = value;
	else if (!strcmp(name, "outcome")) a->outcome = value;
	else if (!strcmp(name, "intersection")) a->intersection = 1;
	else if (!strcmp(name, "org")) a->org = 1;
	else if (!strcmp(name, "budget")) a->budget = value;
	else if (!strcmp(name, "strategy")) a->strategy = value;
	else if (!strcmp(name, "weekly-hours")) a->weekly_hours = value;
	else if (!strcmp(name, "depth")) a->depth = value;
	else if (!strcmp(name, "by")) a->by = value;
	else if (!strcmp(name, "manager")) a->manager = value;
	else if (!strcmp(name, "base")) a->base = value;
	else if (!strcmp(name, "base-as-of")) a->base_as_of = value;
	else if (!strcmp(name, "follow-symlinks")) a->follow_symlinks = 1;
	else if (!strcmp(name, "map")) a->map = value;
	else if (!strcmp(name, "strict")) a->strict = 1;
	else if (!strcmp(name, "partial")) a->partial = value;
	else if (!strcmp(name, "partial-format")) a->partial_format = value;
	else if (!strcmp(name, "archive")) a->archive = value;
	else if (!strcmp(name, "archive-key")) a->archive_key = value;
	else if (!strcmp(name, "base-archive")) a->base_archive = value;
	else if (!strcmp(name, "help")) a->help = 1;
	else if (!strcmp(name, "set")) {
		if (a->nsets == CLI_MAX_SETS) {
			cli_error(c, "at most %d --set options", CLI_MAX_SETS);
			return EXIT_USAGE;
		}
		a->sets[a->nsets++] = value;
	}
	return EXIT_OK;
}

static int parse(struct cli *c, const struct cli_command *cmd, int argc,
                 char **argv)
{
	int i;

	for (i = 0; i < argc; i++) {
		const char *arg = argv[i], *eq, *value = NULL;
		const struct option *o;
		size_t len;
		char buf[64];

		if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0') {
			if (!strcmp(arg, "-h")) {
				c->a.help = 1;
				continue;
			}
			if (c->a.files) {
				c->a.files[c->a.nfiles++] = arg;
				continue;
			}
			cli_error(c, "unexpected argument '%s' (options start with --; "
			          "see 'airs %s --help')", arg, cmd->name);
			return EXIT_USAGE;
		}
		arg += 2;
		eq = strchr(arg, '=');
		len = eq ? (size_t)(eq - arg) : strlen(arg);
		o = find_option(arg, len);
		if (!o || !accepts(cmd, arg, len)) {
			char word[64];

			snprintf(word, sizeof word, "%.*s", (int)(len < 60 ? len : 60), arg);
			if (cli_suggest(word, cmd->options, buf, sizeof buf))
				cli_error(c, "unknown option '--%s'; did you mean '--%s'?",
				          word, buf);
			else
				cli_error(c, "unknown option '--%s' (see 'airs %s --help')",
				          word, cmd->name);
			return EXIT_USAGE;
		}
		if (o->metavar) {
			if (eq)
				value = eq + 1;
			else if (i + 1 < argc)
				value = argv[++i];
			else {
				cli_error(c, "option '--%s' needs a value (%s)", o->name,
				          o->metavar);
				return EXIT_USAGE;
			}
		} else if (eq) {
			cli_error(c, "option '--%s' takes no value", o->name);
			return EXIT_USAGE;
		}
		if (set_option(c, o->name, value) != EXIT_OK)
			return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* ---- shared steps ----------------------------------------------------- */

static const char *const format_names[] = { "text", "csv", "json", "html" };
#define NFORMATS (sizeof format_names / sizeof format_names[0])

int cli_format(const struct cli *c, unsigned accepted)
{
	const char *name = c->a.format ? c->a.format : "text";
	char list[64] = "";
	size_t i;

	if (!strcmp(name, "table"))
		name = "text";
	for (i = 0; i < NFORMATS; i++)
		if ((accepted & 1u << i) && !strcmp(name, format_names[i]))
			return 1 << i;
	for (i = 0; i < NFORMATS; i++) {
		if (!(accepted & 1u << i))
			continue;
		if (list[0])
			strcat(list, ", ");
		strcat(list, format_names[i]);
	}
	cli_error(c, "unknown format '%s' (%s)", c->a.format ? c->a.format : name,
	          list);
	return 0;
}

const char *cli_sample_dir(void)
{
	return airs_sample_dir();
}

static int lost;  /* cli_lost(): the output is incomplete */

void cli_lost(void)
{
	lost = 1;
}

int cli_open_output(struct cli *c)
{
	const char *nc = getenv("NO_COLOR");

	if (c->a.output && strcmp(c->a.output, "-") != 0) {
		c->out = fopen(c->a.output, "w");
		if (!c->out) {
			c->out = stdout;
			cli_error(c, "cannot write '%s'", c->a.output);
			return EXIT_DATA;
		}
		c->color = 0;
		return EXIT_OK;
	}
	c->out = stdout;
	c->color = isatty(STDOUT_FILENO) && !(nc && *nc);
	return EXIT_OK;
}

int cli_params(struct cli *c)
{
	airs_diag d = AIRS_DIAG_INIT;
	size_t i;
	int rc;

	if (c->params)
		return EXIT_OK;
	if (airs_params_new(&c->params, NULL) != AIRS_OK) {
		cli_error(c, "out of memory");
		return EXIT_DATA;
	}
	if (c->a.config) {
		rc = airs_params_load_file(c->params, c->a.config, &d);
		if (rc != AIRS_OK) {
			char msg[AIRS_DIAG_FILE_MAX + AIRS_DIAG_TEXT_MAX + 48];

			airs_diag_format(&d, msg, sizeof msg);
			cli_error(c, "%s", d.text[0] ? msg : airs_strerror(rc));
			return EXIT_DATA;
		}
	}
	for (i = 0; i < c->a.nsets; i++) {
		char name[128];
		const char *eq = strchr(c->a.sets[i], '=');
		size_t len = eq ? (size_t)(eq - c->a.sets[i]) : 0;

		if (!eq || len == 0 || len >= sizeof name) {
			cli_error(c, "--set needs NAME=VALUE, not '%s'", c->a.sets[i]);
			return EXIT_USAGE;
		}
		memcpy(name, c->a.sets[i], len);
		name[len] = '\0';
		if (airs_params_set(c->params, name, eq + 1) != AIRS_OK) {
			cli_error(c, "--set %s: %s", c->a.sets[i],
			          airs_params_errmsg(c->params));
			return EXIT_USAGE;
		}
	}
	if (c->a.as_of && airs_params_set(c->params, "as_of", c->a.as_of) != AIRS_OK) {
		cli_error(c, "--as-of %s: %s", c->a.as_of,
		          airs_params_errmsg(c->params));
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* The progress line: on a terminal only, once a step has taken a
 * second, the library's progress callback redraws "WHAT... N% Ms" on
 * stderr; the line is erased when the step returns.  The callback may
 * run on a worker thread of the library (never two at once), and a
 * diagnostic printed meanwhile must not share its line, so both take
 * the lock. */
struct progress {
	pthread_mutex_t lock;
	struct timespec start;
	int tty, shown;
	char what[160];
};

static void print_position(FILE *out, const airs_diag *d);

/* The progress line being drawn, if any (set and cleared by the calling
 * thread around a step). */
static struct progress *active_progress;

static double since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) +
	       (double)(t.tv_nsec - t0->tv_nsec) * 1e-9;
}

static int on_progress(uint64_t done, uint64_t total, void *user)
{
	struct progress *p = user;
	double secs = since(&p->start);

	if (!p->tty || secs < 1)
		return 0;
	pthread_mutex_lock(&p->lock);
	fprintf(stderr, "\r%s... %d%% %.0fs", p->what,
	        total ? (int)(100 * done / total) : 100, secs);
	fflush(stderr);
	p->shown = 1;
	pthread_mutex_unlock(&p->lock);
	return 0;
}

static void progress_start(struct progress *p, const char *what, const char *arg)
{
	memset(p, 0, sizeof *p);
	snprintf(p->what, sizeof p->what, "%s%s%s", what, arg ? " " : "",
	         arg ? arg : "");
	p->tty = isatty(STDERR_FILENO) && pthread_mutex_init(&p->lock, NULL) == 0;
	clock_gettime(CLOCK_MONOTONIC, &p->start);
	if (p->tty)
		active_progress = p;
}

static void progress_stop(struct progress *p)
{
	if (!p->tty)
		return;
	active_progress = NULL;
	if (p->shown)
		fputs("\r\033[K", stderr);
	pthread_mutex_destroy(&p->lock);
}

int cli_read_file(const char *path, char **text, size_t *len)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 0, n;
	char *buf = NULL, *more;

	*text = NULL;
	*len = 0;
	if (!f)
		return errno ? errno : EIO;
	do {
		if (*len == cap) {
			cap = cap ? cap * 2 : 1 << 16;
			if (!(more = realloc(buf, cap))) {
				free(buf);
				fclose(f);
				return ENOMEM;
			}
			buf = more;
		}
		n = fread(buf + *len, 1, cap - *len, f);
		*len += n;
	} while (n);
	if (ferror(f)) {
		free(buf);
		fclose(f);
		*len = 0;
		return -1;
	}
	fclose(f);
	*text = buf;
	return 0;
}

int cli_read_failed(struct cli *c, const char *path, const char *what,
                    int fail, int err)
{
	if (err == ENOMEM) {
		cli_error(c, "out of memory reading '%s'", path);
		return EXIT_DATA;
	}
	if (err > 0)
		cli_error(c, "cannot open %s'%s': %s", what, path, strerror(err));
	else
		cli_error(c, "cannot read %s'%s'", what, path);
	return fail;
}

int cli_slurp(struct cli *c, const char *path, const char *what, int fail,
              char **text, size_t *len)
{
	int err = cli_read_file(path, text, len);

	return err ? cli_read_failed(c, path, what, fail, err) : EXIT_OK;
}

int cli_load(struct cli *c, airs_load_options *opts)
{
	airs_load_options local = AIRS_LOAD_OPTIONS_INIT;
	airs_diag first = AIRS_DIAG_INIT;
	struct progress p;
	char *map = NULL;
	int rc;
	const char *dir = c->a.data ? c->a.data : cli_sample_dir();

	if (!opts && (c->a.map || c->a.strict))
		opts = &local;

	if (airs_model_new(&c->model, NULL) != AIRS_OK) {
		cli_error(c, "out of memory");
		return EXIT_DATA;
	}
	/* --set threads=N bounds loading as it bounds scoring; the
	 * limits.* parameters are the loader's limits */
	if (opts && c->params) {
		double t, rows, ids, depth, role_skills;
		if (airs_params_get_double(c->params, "threads", &t) == AIRS_OK &&
		    t >= 1)
			opts->threads = (uint32_t)t;
		if (airs_params_get_double(c->params, "limits.max_rows", &rows) ||
		    airs_params_get_double(c->params, "limits.max_ids", &ids) ||
		    airs_params_get_double(c->params, "limits.max_depth", &depth) ||
		    airs_params_get_double(c->params, "limits.max_role_skills",
		                           &role_skills)) {
			cli_error(c, "%s", airs_params_errmsg(c->params));
			return EXIT_USAGE;
		}
		opts->max_rows = (uint64_t)rows;
		opts->max_ids = (uint64_t)ids;
		opts->max_depth = (uint32_t)depth;
		opts->max_role_skills = (uint32_t)role_skills;
	}
	if (opts && c->a.follow_symlinks)
		opts->flags |= AIRS_LOAD_FOLLOW_SYMLINKS;
	if (c->a.strict)
		opts->flags |= AIRS_LOAD_STRICT;
	if (c->a.map) {
		if ((rc = cli_slurp(c, c->a.map, "the mapping ", EXIT_USAGE,
		                    &map, &opts->map_len)) != EXIT_OK)
			return rc;
		opts->map = map;
		opts->map_name = c->a.map;
	}
	progress_start(&p, "loading", dir);
	if (opts) {
		opts->progress = on_progress;
		opts->progress_user = &p;
	}
	rc = airs_load_dir(c->model, dir, opts, &first);
	progress_stop(&p);
	free(map);
	if (opts)
		opts->map = NULL;
	if (rc != AIRS_OK) {
		/* With a callback the caller has already printed everything. */
		if (!opts || !opts->on_diag)
			cli_error(c, "%s", airs_model_errmsg(c->model));
		return EXIT_DATA;
	}
	if (airs_model_finish(c->model) != AIRS_OK) {
		cli_error(c, "%s", airs_model_errmsg(c->model));
		return EXIT_DATA;
	}
	return EXIT_OK;
}

void cli_print_diag(FILE *out, const airs_diag *d)
{
	/* Diagnostics arrive on the loading thread, which also starts and
	 * stops the progress line, so active_progress cannot change here. */
	struct progress *p = active_progress;


	if (p) {
		pthread_mutex_lock(&p->lock);
		if (p->shown) {
			fputs("\r\033[K", stderr);
			fflush(stderr);
			p->shown = 0;
		}
	}
	print_position(out, d);
	if (p)
		pthread_mutex_unlock(&p->lock);
}

static void print_position(FILE *out, const airs_diag *d)
{
	/* file:line:column: [warning: ]message, the form editors jump to. */
	if (d->file[0])
		fprintf(out, "%s:", d->file);
	if (d->line)
		fprintf(out, "%llu:", (unsigned long long)d->line);
	if (d->line && d->column)
		fprintf(out, "%lu:", (unsigned long)d->column);
	fprintf(out, "%s%s%s\n", d->file[0] || d->line ? " " : "",
	        d->severity == AIRS_SEVERITY_WARNING ? "warning: " : "", d->text);
}

static void print_diag(const airs_diag *d, void *user)
{
	struct cli *c = user;

	if (d->severity != AIRS_SEVERITY_WARNING)
		c->load_errors++;
	fprintf(stderr, "%s: ", c->prog);
	cli_print_diag(stderr, d);
}

/* The input digest, kept in the model for the provenance line; a failure
 * (out of memory) keeps nothing, and the provenance's own call tries
 * again and says so. */
static void digest_model(void *model)
{
	char hex[65];

	(void)airs_model_digest(model, hex);
}

int cli_background(const struct cli *c)
{
	double t = 0;

	return !(airs_params_get_double(c->params, "threads", &t) == AIRS_OK &&
	         t == 1);
}

/* cli_score() once the model is loaded: scoring, then the records the
 * as-of date's outlier rule left out, by file:line (methodology 2):
 * every command that scores says so.  Naming them takes a second pass
 * over the records (airs_model_as_of()), made only when scoring left
 * some out - or failed, before its own message. */
static int score_loaded(struct cli *c, int form, airs_write_fn write,
                        void *user)
{
	airs_score_options so = AIRS_SCORE_OPTIONS_INIT;
	airs_as_of_info ai = AIRS_AS_OF_INFO_INIT;
	airs_diag d = AIRS_DIAG_INIT;
	struct progress p;
	int rc;

	progress_start(&p, "scoring", NULL);
	so.progress = on_progress;
	so.user = &p;
	rc = write ? airs_score_partial(c->model, c->params, &so, form, write,
	                                user, &d)
	           : airs_score_v2(c->model, c->params, &so, &c->result, &d);
	progress_stop(&p);
	if (rc == AIRS_EIO && write)
		return -1; /* the writer failed: the caller says why */
	if (rc != AIRS_OK) {
		(void)airs_model_as_of(c->model, c->params, &ai, print_diag, c);
		cli_error(c, "%s", d.text[0] ? d.text : "scoring failed");
		return EXIT_DATA;
	}
	/* a partial alone leaves no result to ask whether any were left out */
	if ((write || (airs_result_as_of_info(c->result, &ai) == AIRS_OK &&
	               ai.left_out)) &&
	    airs_model_as_of(c->model, c->params, &ai, print_diag, c) != AIRS_OK) {
		cli_error(c, "cannot name the records the as-of date leaves out "
		          "(out of memory)");
		return EXIT_DATA;
	}
	return EXIT_OK;
}

int cli_score(struct cli *c)
{
	return cli_score_to(c, 0, NULL, NULL);
}

void cli_digest_join(struct cli *c)
{
	task_join(&c->digest);
}

int cli_provenance(struct cli *c, airs_provenance *out)
{
	int rc;

	if (!c->provenance_read) {
		airs_provenance p = AIRS_PROVENANCE_INIT;

		cli_digest_join(c);
		if ((rc = airs_result_provenance(c->result, &p)) != AIRS_OK)
			return rc;
		c->provenance = p;
		c->provenance_read = 1;
	}
	*out = c->provenance;
	return AIRS_OK;
}

int cli_score_to(struct cli *c, int form, airs_write_fn write, void *user)
{
	airs_load_options opts = AIRS_LOAD_OPTIONS_INIT;
	int rc;

	if ((rc = cli_params(c)) != EXIT_OK)
		return rc;
	/* Show the first errors; `airs validate` lists them all. */
	opts.max_errors = CLI_SCORE_MAX_ERRORS;
	opts.on_diag = print_diag;
	opts.user = c;
	if ((rc = cli_load(c, &opts)) != EXIT_OK) {
		if (c->load_errors >= CLI_SCORE_MAX_ERRORS)
			fprintf(stderr, "%s: run 'airs validate --data %s' for the full list\n",
		        c->prog, c->a.data ? c->a.data : cli_sample_dir());
		return rc;
	}
	/* The digest reads the finished model, as scoring does (both only
	 * read it), on a core scoring leaves idle in parts; the command
	 * joins it (cli_digest_join()) when it needs the provenance. */
	if (c->digest_early && cli_background(c))
		task_start(&c->digest, digest_model, c->model);
	return score_loaded(c, form, write, user);
}

int cli_write_file(const void *data, size_t len, void *file)
{
	return fwrite(data, 1, len, file) == len ? 0 : -1;
}

int cli_written(const struct cli *c, int rc, const airs_diag *d)
{
	if (rc == AIRS_OK)
		return EXIT_OK;
	cli_error(c, "%s", rc == AIRS_EIO ? "cannot write the output" :
	          d->text[0] ? d->text : airs_strerror(rc));
	return EXIT_DATA;
}

int cli_export(struct cli *c, int table, int output)
{
	airs_diag d = AIRS_DIAG_INIT;
	int rc = airs_result_write(c->result, table, output, cli_write_file,
	                           c->out, &d);

	return cli_written(c, rc, &d);
}

/* ---- small formatting helpers ----------------------------------------- */

const char *cli_num(char *buf, size_t n, double v, int decimals)
{
	if (isnan(v))
		snprintf(buf, n, "%s", CLI_NONE);
	else
		snprintf(buf, n, "%.*f", decimals, v);
	return buf;
}

const char *cli_count(char *buf, size_t n, uint64_t v)
{
	if (v == AIRS_SUPPRESSED)
		snprintf(buf, n, "%s", CLI_NONE);
	else
		snprintf(buf, n, "%llu", (unsigned long long)v);
	return buf;
}

int cli_anonymity_k(const struct cli *c)
{
	double k = 0;

	airs_params_get_double(c->params, "anonymity.min_group", &k);
	return (int)k;
}

static const char *name_of(const airs_model *m, int kind, const char *id)
{
	size_t i;

	if (!id || airs_model_find(m, kind, id, &i) != AIRS_OK)
		return id ? id : "";
	if (kind == AIRS_ENTITY_UNIT) {
		airs_unit_rec r = AIRS_UNIT_REC_INIT;
		return airs_model_get_unit(m, i, &r) == AIRS_OK ? r.name : id;
	}
	if (kind == AIRS_ENTITY_SKILL) {
		airs_skill_rec r = AIRS_SKILL_REC_INIT;
		return airs_model_get_skill(m, i, &r) == AIRS_OK ? r.name : id;
	}
	{
		airs_role_rec r = AIRS_ROLE_REC_INIT;
		return airs_model_get_role(m, i, &r) == AIRS_OK ? r.name : id;
	}
}

const char *cli_unit_name(const airs_model *m, const char *id)
{
	return name_of(m, AIRS_ENTITY_UNIT, id);
}

const char *cli_skill_name(const airs_model *m, const char *id)
{
	return name_of(m, AIRS_ENTITY_SKILL, id);
}

const char *cli_role_name(const airs_model *m, const char *id)
{
	return name_of(m, AIRS_ENTITY_ROLE, id);
}

void cli_heading(const struct cli *c, const char *title)
{
	if (c->color)
		fprintf(c->out, "\n\033[1m%s\033[0m\n", title);
	else
		fprintf(c->out, "\n%s\n", title);
}

/* ---- main ------------------------------------------------------------- */

static const struct cli_command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i]->name, name))
			return commands[i];
	return NULL;
}

static int unknown_command(struct cli *c, const char *name)
{
	char names[256] = "help", buf[32];
	size_t i;

	for (i = 0; i < NCOMMANDS; i++) {
		strncat(names, " ", sizeof names - strlen(names) - 1);
		strncat(names, commands[i]->name, sizeof names - strlen(names) - 1);
	}
	if (cli_suggest(name, names, buf, sizeof buf))
		cli_error(c, "unknown command '%s'; did you mean '%s'?", name, buf);
	else
		cli_error(c, "unknown command '%s' (see 'airs help')", name);
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	struct cli c;
	const struct cli_command *cmd;
	int rc;

	memset(&c, 0, sizeof c);
	c.prog = "airs";
	c.out = stdout;
	if (argc < 2) {
		print_usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		print_version();
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		if (argc > 2 && strcmp(argv[1], "help") == 0) {
			if (!(cmd = find_command(argv[2])))
				return unknown_command(&c, argv[2]);
			print_command_help(cmd);
			return EXIT_OK;
		}
		print_usage(stdout);
		return EXIT_OK;
	}
	if (argv[1][0] == '-') {
		char buf[16];

		if (cli_suggest(argv[1], "--version --help", buf, sizeof buf))
			cli_error(&c, "unknown option '%s'; did you mean '%s'?", argv[1], buf);
		else
			cli_error(&c, "unknown option '%s' (see 'airs help')", argv[1]);
		return EXIT_USAGE;
	}
	if (!(cmd = find_command(argv[1])))
		return unknown_command(&c, argv[1]);
	c.cmd = cmd->name;
	if (cmd == &cmd_merge && !(c.a.files = calloc((size_t)argc, sizeof *c.a.files))) {
		cli_error(&c, "out of memory");
		return EXIT_DATA;
	}
	if ((rc = parse(&c, cmd, argc - 2, argv + 2)) != EXIT_OK) {
		free(c.a.files);
		return rc;
	}
	if (c.a.help) {
		print_command_help(cmd);
		free(c.a.files);
		return EXIT_OK;
	}
	rc = cmd->run(&c);
	cli_digest_join(&c); /* reads the model freed below */
	if (rc == EXIT_OK && lost) {
		cli_error(&c, "out of memory: the output is incomplete");
		rc = EXIT_DATA;
	}
	if (c.out && c.out != stdout) {
		if (fclose(c.out) != 0 && rc == EXIT_OK) {
			cli_error(&c, "cannot write '%s'", c.a.output);
			rc = EXIT_DATA;
		}
	} else if (fflush(stdout) != 0 && rc == EXIT_OK) {
		cli_error(&c, "cannot write standard output");
		rc = EXIT_DATA;
	}
	airs_tools_free(c.tools);
	free(c.tool_signals);
	airs_result_free(c.result);
	airs_rollup_free(c.rollup);
	free(c.a.files);
	airs_params_free(c.params);
	airs_model_free(c.model);
	return rc;
}
