/*
 * error.c - status names, handle messages and diagnostics.
 */
#include "error.h"

#include <stdio.h>
#include <string.h>

#include "abi.h"
#include "airs/common.h"

const char *airs_strerror(int status)
{
	switch (status) {
	case AIRS_OK: return "success";
	case AIRS_ENOMEM: return "out of memory";
	case AIRS_EINVAL: return "invalid argument";
	case AIRS_ERANGE: return "value out of range";
	case AIRS_ENOTFOUND: return "unknown id";
	case AIRS_EEXIST: return "duplicate id";
	case AIRS_ECYCLE: return "cycle";
	case AIRS_EPARSE: return "malformed input";
	case AIRS_EIO: return "input/output error";
	case AIRS_ELIMIT: return "size limit exceeded";
	case AIRS_ESTATE: return "wrong state for this call";
	case AIRS_EMISMATCH: return "inputs do not belong together";
	case AIRS_EPRIVACY: return "would disclose protected data";
	case AIRS_ECANCELED: return "cancelled";
	default: return "unknown error";
	}
}

int airs__vfail(char *msg, int status, const char *fmt, va_list ap)
{
	vsnprintf(msg, AIRS__MSG_MAX, fmt, ap);
	return status;
}

int airs__fail(char *msg, int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	airs__vfail(msg, status, fmt, ap);
	va_end(ap);
	return status;
}

int airs__diag_check(const airs_diag *d)
{
	return !d || !AIRS__OUT_CHECK(DIAG, d) ? AIRS_OK : AIRS_EINVAL;
}

void airs__diag_vset(airs_diag *d, int status, int severity,
                     const char *file, uint64_t line, uint32_t column,
                     const char *fmt, va_list ap)
{
	airs_diag v = AIRS_DIAG_INIT;

	if (!d || AIRS__OUT_CHECK(DIAG, d))
		return;
	v.status = status;
	v.severity = severity;
	v.line = line;
	v.column = column;
	snprintf(v.file, sizeof v.file, "%s", file ? file : "");
	vsnprintf(v.text, sizeof v.text, fmt, ap);
	AIRS__OUT(d, &v);
}

void airs__diag_set(airs_diag *d, int status, int severity, const char *file,
                    uint64_t line, uint32_t column, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	airs__diag_vset(d, status, severity, file, line, column, fmt, ap);
	va_end(ap);
}

int airs__diag_fail(airs_diag *d, int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	airs__diag_vset(d, status, AIRS_SEVERITY_ERROR, NULL, 0, 0, fmt, ap);
	va_end(ap);
	return status;
}

size_t airs_diag_format(const airs_diag *d, char *buf, size_t n)
{
	char pos[AIRS_DIAG_FILE_MAX + 48];
	size_t len = 0;
	int w;

	if (!d || AIRS__OUT_CHECK(DIAG, d)) {
		if (buf && n)
			buf[0] = '\0';
		return 0;
	}
	pos[0] = '\0';
	if (d->file[0]) {
		if (d->line && d->column)
			w = snprintf(pos, sizeof pos, "%s:%llu:%lu: ", d->file,
			             (unsigned long long)d->line,
			             (unsigned long)d->column);
		else if (d->line)
			w = snprintf(pos, sizeof pos, "%s:%llu: ", d->file,
			             (unsigned long long)d->line);
		else
			w = snprintf(pos, sizeof pos, "%s: ", d->file);
		len = w > 0 ? (size_t)w : 0;
	}
	w = snprintf(buf, buf ? n : 0, "%s%s", pos, d->text);
	return w > 0 ? (size_t)w : len;
}

void airs__quote(char *out, size_t n, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0, i;

	if (!n)
		return;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (i == 40 && len > 43) {
			/* Never cut inside a UTF-8 sequence: drop its start. */
			if ((c & 0xc0) == 0x80) {
				while (o > 0 && ((unsigned char)out[o - 1] & 0xc0) == 0x80)
					o--;
				if (o > 0 && (unsigned char)out[o - 1] >= 0xc0)
					o--;
			}
			if (o + 4 > n)
				break;
			memcpy(out + o, "...", 3);
			o += 3;
			break;
		}
		if (c < 0x20 || c == 0x7f) {
			if (o + 5 > n)
				break;
			out[o++] = '\\';
			out[o++] = 'x';
			out[o++] = hex[c >> 4];
			out[o++] = hex[c & 15];
		} else {
			if (o + 2 > n)
				break;
			out[o++] = (char)c;
		}
	}
	out[o] = '\0';
}
