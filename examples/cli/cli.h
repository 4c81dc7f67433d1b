/*
 * cli.h - shared pieces of the `airs` command-line program.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * The program uses only the public API (<airs/airs.h>): it is meant to be
 * read as the reference for how to use the library.  main.c parses the
 * command line and loads and scores the data; each cmd-*.c implements one
 * subcommand; table.c draws text tables; names.c names what the library
 * calls by ids; report*.c and html*.c make `airs report` (report.h).
 */
#ifndef AIRS_CLI_H
#define AIRS_CLI_H

#include <stdio.h>

#include <airs/airs.h>

#include "task.h"

/* Exit codes (docs/cli.md). */
enum {
	EXIT_OK = 0,
	EXIT_DATA = 1,  /* data, validation or I/O errors */
	EXIT_USAGE = 2  /* bad command line */
};

#define CLI_MAX_SETS 64

/* Everything the command line can say; each subcommand accepts a subset
 * (struct cli_command.options). */
struct cli_args {
	const char *data;        /* --data DIR (NULL: bundled sample, report) */
	const char *config;      /* --config FILE */
	const char *as_of;       /* --as-of DATE */
	const char *format;      /* --format NAME */
	const char *output;      /* --output FILE */
	const char *unit;        /* --unit ID */
	const char *employee;    /* --employee ID */
	const char *attribute;   /* --attribute NAME (audit) */
	const char *attribute2;  /* --attribute2 NAME (audit) */
	const char *outcome;     /* --outcome NAME (audit, drivers) */
	int intersection;        /* --intersection (audit) */
	int org;                 /* --org (plan) */
	const char *budget;      /* --budget HOURS (plan) */
	const char *strategy;    /* --strategy NAME (plan) */
	const char *weekly_hours; /* --weekly-hours H (plan) */
	const char *depth;       /* --depth N (report) */
	const char *by;          /* --by unit|manager (report) */
	const char *manager;     /* --manager ID (report) */
	const char *base;        /* --base DIR (compare) */
	const char *base_as_of;  /* --base-as-of DATE (compare) */
	int follow_symlinks;     /* --follow-symlinks */
	const char *map;         /* --map FILE */
	int strict;              /* --strict */
	const char *partial;     /* --partial FILE (score) */
	const char *partial_format; /* --partial-format text|binary */
	const char *archive;     /* --archive FILE (score: write; compare:
	                            the current side) */
	const char *archive_key; /* --archive-key FILE */
	const char *base_archive; /* --base-archive FILE (compare) */
	const char **files;      /* FILE operands (merge), in order */
	size_t nfiles;
	const char *sets[CLI_MAX_SETS]; /* --set NAME=VALUE, in order */
	size_t nsets;
	int help;                /* --help */
};

/* What a subcommand gets to work with. */
struct cli {
	const char *prog;        /* "airs" */
	const char *cmd;         /* the subcommand's name */
	struct cli_args a;
	FILE *out;               /* data: stdout or --output */
	int color;               /* out is a terminal and NO_COLOR is unset */
	airs_model *model;       /* after cli_load() */
	airs_params *params;     /* after cli_params() */
	airs_result *result;     /* after cli_score() */
	airs_tools *tools;       /* result's tools table, made on the first
	                            toolview_open() (a report reads it for
	                            its findings and its tools section) */
	unsigned char *tool_signals; /* per row of tools, its signals: read
	                            once (toolview.c), as finding them
	                            scans every row */
	airs_rollup *rollup;     /* merge: the partials merged, owned here */
	unsigned long load_errors; /* errors cli_score() printed */
	int digest_early;        /* cli_score(): compute the input digest
	                            (airs_model_digest(), which the model
	                            keeps) on a thread of its own while the
	                            model is scored, for a command that
	                            prints the provenance */
	struct task digest;      /* that thread: cli_digest_join() before
	                            the provenance is read */
	airs_provenance provenance; /* result's, once read (cli_provenance()) */
	int provenance_read;
};

struct cli_command {
	const char *name;
	const char *summary;     /* one line for `airs help` */
	const char *usage;       /* the synopsis after "airs NAME" */
	const char *options;     /* space-separated long options it accepts */
	const char *help;        /* the rest of `airs NAME --help` */
	int (*run)(struct cli *c);
};

extern const struct cli_command cmd_validate, cmd_score, cmd_report,
	cmd_explain, cmd_audit, cmd_plan, cmd_tools, cmd_drivers, cmd_merge,
	cmd_compare;

/* main.c: the shared steps.  Each prints its own message to stderr and
 * returns an exit code (EXIT_OK on success). */
int cli_params(struct cli *c);   /* --config, --set, --as-of */
int cli_load(struct cli *c, airs_load_options *opts); /* --data into c->model */
int cli_score(struct cli *c);    /* params + load + score */
/* params + load + scored only for a partial in form, written through
 * write (airs_score_partial()): no c->result; -1 when write failed (the
 * caller says why), else an exit code */
int cli_score_to(struct cli *c, int form, airs_write_fn write, void *user);
int cli_open_output(struct cli *c);
int cli_write_partial(struct cli *c); /* --partial: c->result's rollup */
int cli_score_partial(struct cli *c); /* --partial alone: no result kept */
int cli_check_selection(struct cli *c); /* --unit, --employee exist */
/* Whether work may run on a thread of its own beside the command's
 * (task.h): not with --set threads=1, which asks for one thread. */
int cli_background(const struct cli *c);
/* Wait for the input digest cli_score() started (digest_early): before
 * anything reads the provenance, which would otherwise compute the digest
 * again.  Until then the digest runs beside what the command does after
 * scoring (the report's tools table and layout).  main() joins it too,
 * before it frees the model; joining twice does nothing. */
void cli_digest_join(struct cli *c);
/* The result's provenance (airs_result_provenance()), read once and kept:
 * reading it counts the survey answers, a pass over every response, and
 * a report shows it in four places.  Joins the digest first.  A failure
 * keeps nothing, so the next call tries again. */
int cli_provenance(struct cli *c, airs_provenance *out);

/* Output formats (--format), one vocabulary for every command: "text" is
 * the human-readable output and the default, and every list of formats
 * (help, messages, docs) keeps this order.  "table", what score and audit
 * first called their text, is an alias of "text" everywhere. */
enum cli_format {
	CLI_TEXT = 1 << 0,
	CLI_CSV = 1 << 1,
	CLI_JSON = 1 << 2,
	CLI_HTML = 1 << 3
};
/* The --format of a command that takes the formats in `accepted` (a set
 * of enum cli_format), CLI_TEXT when none was given; any other word is a
 * usage error: prints "unknown format 'X' (text, csv, json)", listing
 * `accepted`, and returns 0. */
int cli_format(const struct cli *c, unsigned accepted);
void cli_error(const struct cli *c, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* Print "file:line:column: [warning: ]message" and a newline. */
void cli_print_diag(FILE *out, const airs_diag *d);
/* Write one export table (airs/export.h) to c->out; prints the error. */
int cli_export(struct cli *c, int table, int output);
/* EXIT_OK when a write returned AIRS_OK; else says why (the diagnostic,
 * or "cannot write the output") and EXIT_DATA. */
int cli_written(const struct cli *c, int rc, const airs_diag *d);
/* The writer behind it, for any FILE *. */
int cli_write_file(const void *data, size_t len, void *file);
/* The whole file at path into *text (to free) and *len; on failure says
 * "cannot open <what>'path'" and returns fail (EXIT_DATA when out of
 * memory). */
int cli_slurp(struct cli *c, const char *path, const char *what, int fail,
              char **text, size_t *len);
/* The same in two steps, for a file read on another thread: the reading,
 * which prints nothing (0, an errno value - ENOMEM when out of memory -
 * or -1 for a read error), and saying what went wrong (on the calling
 * thread, in file order) with cli_slurp()'s message and exit code. */
int cli_read_file(const char *path, char **text, size_t *len);
int cli_read_failed(struct cli *c, const char *path, const char *what,
                    int fail, int err);

/* archive.c: the key of --archive-key (to free); c->result's archive
 * to --archive; an archive file read with key; c->result archived in
 * memory and read back.  Exit codes, the error printed. */
int cli_archive_key(struct cli *c, char **key, size_t *len);
int cli_write_archive(struct cli *c);
int cli_read_archive(struct cli *c, const char *path, const char *key,
                     size_t len, airs_archive **out);
int cli_archive_result(struct cli *c, const char *key, size_t len,
                       airs_archive **out);

/* Levenshtein suggestion: the candidate in the space-separated list
 * `candidates` closest to `word`, or NULL when none is close. */
const char *cli_suggest(const char *word, const char *candidates, char *buf,
                        size_t n);

/* The bundled sample company's folder (airs_sample_dir()). */
const char *cli_sample_dir(void);

/* Number formatting shared by the text outputs: "–" for NaN. */
#define CLI_NONE "\xe2\x80\x93" /* en dash */
const char *cli_num(char *buf, size_t n, double v, int decimals);
const char *cli_count(char *buf, size_t n, uint64_t v); /* AIRS_SUPPRESSED */
int cli_anonymity_k(const struct cli *c);
/* Display names from the model, falling back to the id. */
const char *cli_unit_name(const airs_model *m, const char *id);
const char *cli_skill_name(const airs_model *m, const char *id);
const char *cli_role_name(const airs_model *m, const char *id);

/* Note that the output lost a part (a cell, a row, a finding, a section)
 * for want of memory: main() then fails the command with a message
 * rather than let the output look complete. */
void cli_lost(void);

/* table.c: a text table, laid out to fit a width. */
enum { TABLE_LEFT = 0, TABLE_RIGHT = 1 };
struct table;
struct table *table_new(size_t ncols);
/* Column header and alignment; `shrink` marks a column that may be cut
 * (with "…") when the table is too wide. */
void table_column(struct table *t, size_t col, const char *header, int align,
                  int shrink);
/* Start a new row; then set its cells (copied). */
int table_row(struct table *t);
void table_cell(struct table *t, size_t col, const char *text);
void table_cellf(struct table *t, size_t col, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
/* Print with a header row, at most `width` display columns. */
void table_print(struct table *t, FILE *out, int color, size_t width);
void table_free(struct table *t);
/* Display width of UTF-8 text (code points). */
size_t text_width(const char *s);
size_t text_width_n(const char *s, size_t n); /* of the first n bytes */

/* cmd-report.c: pieces other commands share. */
const char *report_course_name(const airs_model *m, const char *id);

/* names.c: the names people read for what the library calls by ids -
 * survey constructs (enum airs_construct), flags (by bit number, 0 for
 * left_behind) and ADKAR barrier points (enum airs_adkar and
 * AIRS_BARRIER_NONE, _UNKNOWN).  cli_name() is a title ("Voice in
 * decisions"), cli_phrase() the words inside a sentence ("voice in
 * decisions"), cli_meaning() one line on what it is (a flag, a
 * construct) or what helps (a barrier point).  "" when unknown. */
enum cli_name_kind { CLI_CONSTRUCT = 1, CLI_FLAG, CLI_BARRIER };
const char *cli_name(int kind, int value);
const char *cli_phrase(int kind, int value);
const char *cli_meaning(int kind, int value);

/* Print a paragraph wrapped to CLI_WIDTH; continuation lines are indented
 * two more than the paragraph's own leading blanks. */
void cli_say(FILE *out, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* Print text wrapped to CLI_WIDTH after `first` (e.g. "  1. "), with
 * continuation lines indented to line up under the text. */
void cli_wrap(FILE *out, const char *first, const char *text);

/* A section heading in text output. */
void cli_heading(const struct cli *c, const char *title);

#define CLI_WIDTH 100

#endif /* AIRS_CLI_H */
