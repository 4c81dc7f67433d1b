/*
 * drivers-groups.c - which groups' driver analyses may be published
 * (methodology 10.5): the analysed groups' sizes are counts of people
 * like any respondent count, so they are suppressed complementarily, as
 * section 4.1 does for the unit totals of a survey family.
 *
 * Groups are unit subtrees and the organisation (a tree; the
 * organisation is the root of the roots).  A person's *class* is named
 * by the nearest shown group containing them, so a shown group's class
 * is its people less those of the shown groups nearest below it.  In
 * rounds, every shown group whose class has 1 .. min_group - 1 people
 * hides the smallest (by people; ties: the first in tree order, the
 * organisation last) of itself and those groups below it; its class then
 * joins the one above or takes in the one below.  Hiding only merges
 * classes, so the rounds end, each O(units); there are at most as many
 * rounds as shown groups and in practice one or two.
 */
#include "drivers-impl.h"

/* Nearest shown group above each unit (AIRS__NONE when none). */
static void nearest_shown(size_t nu, const uint32_t *parent,
                          const unsigned char *vis, uint32_t *up)
{
	for (size_t g = 0; g < nu; g++) {
		uint32_t p = parent[g];
		up[g] = vis[p] ? p : (p == nu ? AIRS__NONE : up[p]);
	}
}

/* One round; returns the number of groups it hid. */
static size_t round_once(size_t nu, const uint32_t *parent,
                         const uint64_t *n, uint64_t min_group,
                         unsigned char *vis, uint32_t *up, uint32_t *pick,
                         uint64_t *cls)
{
	size_t hid = 0;

	nearest_shown(nu, parent, vis, up);
	for (size_t g = 0; g <= nu; g++)
		cls[g] = vis[g] ? n[g] : 0, pick[g] = (uint32_t)g;
	/* the smallest shown group right below each, in tree order */
	for (size_t g = 0; g < nu; g++) {
		if (!vis[g] || up[g] == AIRS__NONE)
			continue;
		cls[up[g]] -= n[g];
		if (n[g] < n[pick[up[g]]] ||
		    (n[g] == n[pick[up[g]]] && up[g] == nu && pick[nu] == nu))
			pick[up[g]] = (uint32_t)g;
	}
	for (size_t g = 0; g <= nu; g++)
		if (vis[g] && cls[g] > 0 && cls[g] < min_group)
			cls[g] = AIRS__HIDE;
	for (size_t g = 0; g <= nu; g++)
		if (cls[g] == AIRS__HIDE && vis[pick[g]] == 1)
			vis[pick[g]] = 2, hid++;
	for (size_t g = 0; g <= nu; g++)
		vis[g] = vis[g] == 1;
	return hid;
}

void airs__drivers_hide(size_t nu, const uint32_t *parent, const uint64_t *n,
                        int min_group, unsigned char *vis, uint32_t *up,
                        uint32_t *pick, uint64_t *cls)
{
	while (round_once(nu, parent, n, (uint64_t)min_group, vis, up, pick,
	                  cls))
		;
}
