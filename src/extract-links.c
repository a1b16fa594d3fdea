#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract-internal.h"

/* Links seen through what one place did for another (issue 9): a donor's
 * city, district or county acting on a western county in the same
 * sentence ("A City provided aid funds of 200,000 yuan for B County",
 * "A City implemented three aid projects ... It dug two wells ... in ...
 * B County"), and the money facts whose giver and
 * receiver are such places. A place merely named beside another is no
 * link: an act (a verb of giving, building, sending) must join them. These
 * are facts of basis "evidence"; a sentence that states the pairing is read
 * by extract-pairs.c. */

/* Verbs (and their stems) by which a giver acts on a place. */
static const char *const act_words[] = {
	"implement", "built", "build", "construct", "set up", "provid", "allocat", "issu", "donat",
	"invest", "introduc", "support", "help", "assist", "sent ", "send", "dispatch", "raise",
	"fund", "aid", "train", "organiz", "organis", "launch", "carried out", "carry out",
	"establish", "subsidi", "renovat", "install", "dug", "relocat", "transferred", "paired",
	"twinn", "counterpart", "contribut", "gave", "give", "responsib", "complet", "recruit",
	"entrust", "subsidiz",
};

static const char *side_name(const struct xctx *c, size_t reg)
{
	const struct region *p = gazetteer_region(c->g, gazetteer_province_of(c->g, reg));
	return p && p->side ? p->side : "";
}

static bool type_in(const struct xctx *c, size_t reg, const char *const *types, size_t n)
{
	const struct region *r = gazetteer_region(c->g, reg);
	for (size_t i = 0; r && i < n; i++)
		if (strcmp(r->type, types[i]) == 0)
			return true;
	return false;
}

/* A giver of the donor side: a province or municipality ("Shanghai began to
 * take responsibility for ..."), a city, district or county of one, or one
 * of its enterprises. */
static bool is_local_giver(const struct xctx *c, size_t reg)
{
	static const char *const local[] = { "city", "district", "county", "province", "municipality", "enterprise" };
	return type_in(c, reg, local, 6) && strcmp(side_name(c, reg), "east") == 0;
}

/* A western place at county level, where a link is finest. */
static bool is_county_recipient(const struct xctx *c, size_t reg)
{
	static const char *const county[] = { "county", "district", "banner" };
	return type_in(c, reg, county, 3) && strcmp(side_name(c, reg), "west") == 0;
}

/* The county a western town lies in ("Xiangshui Town" -> its county), the
 * place itself when it is a county; GAZ_NONE for anything else. */
static size_t county_of(const struct xctx *c, size_t reg)
{
	if (is_county_recipient(c, reg))
		return reg;
	const struct region *r = gazetteer_region(c->g, reg);
	if (!r || strcmp(r->type, "town") != 0 || !is_county_recipient(c, r->parent))
		return GAZ_NONE;
	return r->parent;
}

/* A western prefecture or prefecture-level city. */
static bool is_prefecture_recipient(const struct xctx *c, size_t reg)
{
	static const char *const pref[] = { "prefecture", "city", "league" };
	return type_in(c, reg, pref, 3) && strcmp(side_name(c, reg), "west") == 0;
}

/* "Zhangjiagang of Suzhou City", "Baishui County in Weinan City": the
 * second place, which holds the first, only locates it. */
static bool is_qualifier(const struct xctx *c, const struct xsentence *s, size_t pi)
{
	if (pi == 0 || s->places[pi - 1].end > s->places[pi].start ||
	    !gazetteer_within(c->g, s->places[pi - 1].region, s->places[pi].region))
		return false;
	size_t gap = s->places[pi].start - s->places[pi - 1].end;
	return gap <= 5 && (xfind_ci(s->text, s->places[pi - 1].end, s->places[pi].start, " of ") ||
			    xfind_ci(s->text, s->places[pi - 1].end, s->places[pi].start, " in ") ||
			    xfind_ci(s->text, s->places[pi - 1].end, s->places[pi].start, ", "));
}

/* The word after a place names what it does ("Rizhao City implemented"),
 * not where it lies ("Xuyi County to ...", "Suzhou City of ..."). */
static bool verb_follows(const char *t, size_t end)
{
	static const char *const not_verbs[] = { "of", "in", "and", "to", "for", "with", "at", "on", "by", "from",
						 "as", "or", "the", "which", "who", "into", "under", "through" };
	static const char *const asides[] = { ", for example,", ", for instance,", ", in particular,", ", too," };
	for (size_t i = 0; i < sizeof(asides) / sizeof(asides[0]); i++)
		if (strncmp(t + end, asides[i], strlen(asides[i])) == 0)
			end += strlen(asides[i]);
	if (strncmp(t + end, "'s ", 3) == 0 || strncmp(t + end, "\xE2\x80\x99s ", 5) == 0)
		return true; /* "Ninghai County's support for ..." */
	/* a body of the place before its verb: "Shaoxing City Education Bureau helped" */
	for (int words = 0; words < 4; words++) {
		while (t[end] == ' ')
			end++;
		if (!isupper((unsigned char)t[end]))
			break;
		while (t[end] && t[end] != ' ' && t[end] != ',')
			end++;
	}
	while (t[end] == ' ')
		end++;
	if (!islower((unsigned char)t[end]))
		return false;
	for (size_t i = 0; i < sizeof(not_verbs) / sizeof(not_verbs[0]); i++)
		if (xword_at(t, end, not_verbs[i]))
			return false;
	return true;
}

/* Where "the <a few lower-case words> of " ends right before b, the start
 * of "the": a body of the place ("The livestock sector of Jinan City
 * donated ..."); b when there is none. */
static size_t body_of_start(const char *t, size_t b)
{
	if (b < 4 || strncmp(t + b - 4, " of ", 4) != 0)
		return b;
	size_t end = b - 4; /* the blank before "of" */
	for (int words = 0; words < 6; words++) {
		size_t w = end;
		while (w > 0 && islower((unsigned char)t[w - 1]))
			w--;
		if (w > 0 && t[w - 1] == 'T')
			w--;
		if (w == end)
			return b;
		if (end - w == 3 && strncasecmp(t + w, "the", 3) == 0)
			return w;
		if (!islower((unsigned char)t[w]) || w == 0 || t[w - 1] != ' ')
			return b;
		end = w - 1;
	}
	return b;
}

/* A place that starts its clause (the sentence, or after ',' ';' "and"),
 * itself, after the place holding it, or as the body it heads ("the
 * relevant units of Beijing"), and is followed by its verb is the clause's
 * subject. */
static bool is_subject(const struct xsentence *s, size_t pi)
{
	size_t b = s->places[pi].start;
	if (pi > 0 && s->places[pi - 1].end + 1 == b && s->text[b - 1] == ' ')
		b = s->places[pi - 1].start; /* "Qingdao Huangdao District ...": the finer place acts */
	b = body_of_start(s->text, b);
	while (b > 0 && s->text[b - 1] == ' ')
		b--;
	bool starts = b == 0 || s->text[b - 1] == ',' || s->text[b - 1] == ';' ||
		      (b >= 4 && strncasecmp(s->text + b - 4, " and", 4) == 0) ||
		      (b >= 3 && strncmp(s->text + b - 3, "The", 3) == 0 && b == 3);
	size_t end = s->places[pi].end;
	if (pi + 1 < s->nplaces && s->places[pi + 1].start >= end && s->places[pi + 1].start - end <= 4 &&
	    xfind_ci(s->text, end, s->places[pi + 1].start, " of "))
		end = s->places[pi + 1].end; /* "Binhai New Area of Tianjin invested" */
	return starts && verb_follows(s->text, end);
}

static bool has_act(const char *t, size_t from, size_t to)
{
	/* buying gives only when bought for the place ("purchased equipment for
	 * the base in A County"); bought from it, it is trade */
	static const char *const buy_words[] = { "purchas", "bought" };
	for (size_t w = 0; w < sizeof(act_words) / sizeof(act_words[0]); w++)
		if (xfind_ci(t, from, to, act_words[w]))
			return true;
	for (size_t w = 0; w < sizeof(buy_words) / sizeof(buy_words[0]); w++) {
		const char *h = xfind_ci(t, from, to, buy_words[w]);
		if (h && xfind_ci(t, (size_t)(h - t), to, " for "))
			return true;
	}
	return false;
}

/* "Among them, A County ...": the items of what the last sentence's giver
 * did, which go on as a list. */
static bool among_them(const struct xsentence *s)
{
	static const char *const heads[] = { "Among them,", "Of them,", "Of which,", "Among these," };
	for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++)
		if (strncmp(s->text, heads[i], strlen(heads[i])) == 0)
			return true;
	return false;
}

/* Where a pronoun subject after a comma takes up the last giver again
 * ("Through joint efforts, they continued to ..."), the offset after it;
 * SIZE_MAX when none. */
static size_t pronoun_subject_at(const struct xsentence *s)
{
	static const char *const pronouns[] = { ", it ", ", they ", ", It ", ", They " };
	for (size_t i = 0; i < sizeof(pronouns) / sizeof(pronouns[0]); i++) {
		const char *h = xfind_ci(s->text, 0, s->len, pronouns[i]);
		size_t n = strlen(pronouns[i]);
		if (h && islower((unsigned char)h[n]))
			return (size_t)(h - s->text) + n - 1;
	}
	return SIZE_MAX;
}

/* The sentence continues the last one's giver: "It dug four wells ...",
 * or a clause after a semicolon that starts with its verb ("...; built a
 * square in ..."). */
static bool continues_giver(const struct xsentence *s)
{
	size_t i = 0;
	while (i < s->len && s->text[i] == ' ')
		i++;
	return strncmp(s->text + i, "It ", 3) == 0 || strncmp(s->text + i, "They ", 5) == 0 ||
	       islower((unsigned char)s->text[i]) || among_them(s);
}

/* "Cangshan District and Longde County established ...": a giver and a
 * western county acting together are linked. */
static bool together(struct xctx *c, const struct xsentence *s, size_t pi)
{
	if (pi + 1 >= s->nplaces || !is_county_recipient(c, s->places[pi + 1].region))
		return false;
	size_t from = s->places[pi].end, to = s->places[pi + 1].start;
	if (to < from || to - from > 6 || !xfind_ci(s->text, from, to, " and "))
		return false;
	return verb_follows(s->text, s->places[pi + 1].end);
}

/* The giver named after the recipient in a passive ("... constructed by
 * Zhangjiagang"), GAZ_NONE if none. */
static size_t passive_giver(const struct xctx *c, const struct xsentence *s, size_t pi)
{
	for (size_t q = pi + 1; q < s->nplaces; q++) {
		size_t from = s->places[pi].end, to = s->places[q].start;
		if (to < from || to - from > 120 || xfind_ci(s->text, from, to, ";"))
			return GAZ_NONE;
		if (!is_local_giver(c, s->places[q].region))
			continue;
		if (to - from >= 4 && strncasecmp(s->text + to - 3, "by ", 3) == 0 && has_act(s->text, from, to))
			return s->places[q].region;
		return GAZ_NONE;
	}
	return GAZ_NONE;
}

/* Where the section's donor is the unnamed subject: "we allocated ...",
 * or a report's headline clause that starts with its verb ("Arranged
 * project funds of ... in X County"); the offset after it, or SIZE_MAX. */
static size_t donor_subject_at(const struct xsentence *s)
{
	static const char *const not_verbs[] = { "by", "to", "in", "on", "with", "at", "for", "from", "as", "upon" };
	size_t i = 0;
	while (s->text[i] == ' ')
		i++;
	size_t w = i;
	while (isalpha((unsigned char)s->text[w]))
		w++;
	if (w - i > 3 && isupper((unsigned char)s->text[i]) && strncmp(s->text + w - 2, "ed", 2) == 0 &&
	    s->text[w] == ' ' && islower((unsigned char)s->text[w + 1])) {
		bool verb = true;
		for (size_t k = 0; k < sizeof(not_verbs) / sizeof(not_verbs[0]); k++)
			verb = verb && !xword_at(s->text, w + 1, not_verbs[k]);
		if (verb)
			return w;
	}
	for (size_t k = 0; k + 3 < s->len; k++)
		if ((k == 0 || s->text[k - 1] == ' ') && (s->text[k] == 'w' || s->text[k] == 'W') &&
		    strncmp(s->text + k + 1, "e ", 2) == 0 && islower((unsigned char)s->text[k + 3]))
			return k + 2;
	return SIZE_MAX;
}

/* Words that make a dated statement of what a giver did the start of the
 * link ("In early 2008, A agreed to implement ... in B County"). */
static const char *const evidence_start_words[] = {
	"began", "begun", "started", "agreed to", "decided to", "start to", "starting to",
};

/* The year an act on the place at pos starts the link by: a "since" clause
 * ("Since 2011, we entrusted ..."), or the sentence's first year with a
 * word of starting before the place; 0 for an act within a standing link. */
static int evidence_since(const struct xsentence *s, size_t pos)
{
	int year = xsince_clause_year(s);
	if (year || !s->nyears || s->years[0].comparison || s->years[0].start > pos)
		return year;
	for (size_t w = 0; w < sizeof(evidence_start_words) / sizeof(evidence_start_words[0]); w++)
		if (xfind_ci(s->text, 0, pos, evidence_start_words[w]))
			return s->years[0].year;
	return 0;
}

/* Who gives at the start of the sentence: the last sentence's giver when
 * this one continues it ("It dug ...", a clause of a list after ';', a
 * sentence naming no place), else nobody. *listed: the last sentence's act
 * goes on over a list ("... built roads in A County; B Village in C County"). */
static size_t inherited_giver(const struct xctx *c, const struct xsentence *s, bool *listed)
{
	*listed = false;
	if (c->link_line != c->line_no)
		return GAZ_NONE;
	/* a clause naming a giver of its own is no item of the list */
	bool own_giver = false;
	for (size_t p = 0; p < s->nplaces; p++)
		own_giver = own_giver || (s->places[p].region != c->link_actor && is_local_giver(c, s->places[p].region));
	*listed = (c->link_list || among_them(s)) && !own_giver;
	return *listed || continues_giver(s) ? c->link_actor : GAZ_NONE;
}

#define MAX_GIVERS 8

/* Givers a body sets to work: "organized A, B and C City to support ...".
 * When place p opens such a list, its givers go to givers[] and the index of
 * its last place is returned; else SIZE_MAX. */
static size_t organized_givers(const struct xctx *c, const struct xsentence *s, size_t p, size_t *givers,
			       size_t *n)
{
	static const char *const set_to_work[] = { "organized ", "organised ", "mobilized ", "mobilised " };
	size_t b = s->places[p].start;
	bool opens = false;
	for (size_t i = 0; i < sizeof(set_to_work) / sizeof(set_to_work[0]); i++) {
		size_t len = strlen(set_to_work[i]);
		opens = opens || (b >= len && strncasecmp(s->text + b - len, set_to_work[i], len) == 0);
	}
	if (!opens)
		return SIZE_MAX;
	*n = 0;
	size_t q = p;
	for (;; q++) {
		if (!is_local_giver(c, s->places[q].region) || *n == MAX_GIVERS)
			return SIZE_MAX;
		givers[(*n)++] = s->places[q].region;
		size_t end = s->places[q].end;
		if (strncmp(s->text + end, " to ", 4) == 0)
			return q;
		if (q + 1 >= s->nplaces || s->places[q + 1].start - end > 6 ||
		    !(xfind_ci(s->text, end, s->places[q + 1].start, ",") ||
		      xfind_ci(s->text, end, s->places[q + 1].start, " and ")))
			return SIZE_MAX;
	}
}

/* "planned to invest", "plans to build": not yet done, no link. */
static bool planned(const char *t, size_t from, size_t to)
{
	return xfind_ci(t, from, to, "planned") || xfind_ci(t, from, to, "plans to") ||
	       xfind_ci(t, from, to, "plan to");
}

static void link_givers(struct xctx *c, const struct xsentence *s, const size_t *givers, size_t n, size_t p)
{
	int since = evidence_since(s, s->places[p].start);
	for (size_t i = 0; i < n; i++)
		xadd_link(c, givers[i], s->places[p].region, since, 0, s->text, BASIS_EVIDENCE);
}

/* "the mechanism for exchange visits between A and B District and C
 * County": an exchange or mechanism set up between givers and one county
 * links each giver to it. */
static void link_between(struct xctx *c, const struct xsentence *s)
{
	const char *h = xfind_ci(s->text, 0, s->len, "between ");
	if (!h || !(xfind_ci(s->text, 0, s->len, "mechanism") || xfind_ci(s->text, 0, s->len, "exchange")))
		return;
	size_t from = (size_t)(h - s->text), givers[MAX_GIVERS], n = 0, counties = 0;
	for (size_t p = 0; p < s->nplaces; p++)
		counties += s->places[p].start >= from && is_county_recipient(c, s->places[p].region);
	if (counties != 1)
		return; /* lists paired in order are the pairing rules' */
	for (size_t p = 0; p < s->nplaces; p++) {
		if (s->places[p].start < from || is_qualifier(c, s, p))
			continue;
		if (is_local_giver(c, s->places[p].region) && n < MAX_GIVERS) {
			givers[n++] = s->places[p].region;
		} else if (is_county_recipient(c, s->places[p].region)) {
			if (n)
				link_givers(c, s, givers, n, p);
			return;
		}
	}
}

/* Words that end an enterprise's name ("... Co., Ltd", "... Group"). */
static const char *const firm_ends[] = { "Co., Ltd", "Co.,Ltd", "Co. Ltd", "Company", "Corporation", "Group" };

/* The end of an enterprise's name that starts at i: capitalized words
 * (with "and", "&" and a "(Place)" between) up to a word that ends a firm's
 * name, or one web name ("XMFish.com"); 0 when none starts there. */
static size_t firm_name_end(const char *t, size_t i)
{
	for (int words = 0; words < 8; words++) {
		if (!isupper((unsigned char)t[i]) && (words == 0 || (t[i] != '(' && t[i] != '&' && !xword_at(t, i, "and"))))
			return 0;
		for (size_t k = 0; k < sizeof(firm_ends) / sizeof(firm_ends[0]); k++)
			if (words > 0 && strncmp(t + i, firm_ends[k], strlen(firm_ends[k])) == 0)
				return i + strlen(firm_ends[k]);
		size_t w = i;
		while (t[w] && t[w] != ' ' && t[w] != ',')
			w++;
		if (w - i > 4 && (strncmp(t + w - 4, ".com", 4) == 0 || strncmp(t + w - 3, ".cn", 3) == 0))
			return words == 0 ? w : 0;
		if (t[w] != ' ')
			return 0;
		i = w + 1;
	}
	return 0;
}

/* Past a relative clause after a name (", which is located in ..., "). */
static size_t skip_relative(const char *t, size_t end)
{
	if (strncmp(t + end, ", which ", 8) != 0 && strncmp(t + end, ", who ", 6) != 0)
		return end;
	const char *comma = strchr(t + end + 2, ',');
	return comma ? (size_t)(comma - t) + 1 : end;
}

/* An enterprise the gazetteer does not know, as its clause's subject,
 * acting on the counties (or towns of counties) after it: "Example.com raised
 * 50,000 yuan to build a school in ... A County"; or helping them:
 * "under the guidance and help of X Company, the output of ... County". */
/* Whether one of the words ending in "of " ends right before t + i: this
 * runs at every byte of every sentence, so the shared "of " is tested
 * first. */
static bool helped_by_before(const char *t, size_t i)
{
	static const char *const helped_by[] = { "help of ", "support of ", "assistance of " };
	if (i < 3 || t[i - 1] != ' ' || t[i - 2] != 'f' || t[i - 3] != 'o')
		return false;
	for (size_t k = 0; k < sizeof(helped_by) / sizeof(helped_by[0]); k++) {
		size_t n = strlen(helped_by[k]);
		if (i >= n && strncmp(t + i - n, helped_by[k], n) == 0)
			return true;
	}
	return false;
}

static void link_firms(struct xctx *c, const struct xsentence *s)
{
	for (size_t i = 0; i < s->len; i++) {
		bool helper = helped_by_before(s->text, i);
		bool opens = i == 0 || (i >= 2 && (s->text[i - 2] == ',' || s->text[i - 2] == ';') && s->text[i - 1] == ' ');
		if (opens && xword_at(s->text, i, "and") && s->text[i + 3] == ' ')
			i += 4; /* "..., and X Co., Ltd donated"; never past a final "and" */
		size_t end = opens || helper ? firm_name_end(s->text, i) : 0;
		if (!end)
			continue;
		char *name = xstrndup(s->text + i, end - i);
		size_t verb = skip_relative(s->text, end);
		if (gazetteer_lookup(c->g, name) == GAZ_NONE && (helper || verb_follows(s->text, verb)))
			for (size_t p = 0; p < s->nplaces; p++) {
				size_t county = county_of(c, s->places[p].region), at = s->places[p].start;
				if (county != GAZ_NONE && at > verb && (helper || has_act(s->text, verb, at)) &&
				    !planned(s->text, verb, at))
					xadd_link_named(c, name, county, evidence_since(s, at), s->text);
			}
		free(name);
		i = end;
	}
}

/* The next clause at or after from whose subject is an unnamed body's
 * act ("..., relevant departments' support for ... in B County"): where
 * its act starts, or SIZE_MAX. Such a body is the section's donor's, and
 * its clause ends the giver before. */
static size_t body_act_at(const struct xsentence *s, size_t from)
{
	static const char *const acts[] = { "support ", "aid ", "help ", "assistance " };
	for (size_t i = from; i + 2 < s->len; i++) {
		if (s->text[i] != ',' && s->text[i] != ';')
			continue;
		size_t w = i + 1;
		while (s->text[w] == ' ')
			w++;
		if (xword_at(s->text, w, "and") && s->text[w + 3] == ' ')
			w += 4;
		for (int words = 0; words < 4 && islower((unsigned char)s->text[w]); words++) {
			while (isalpha((unsigned char)s->text[w]))
				w++;
			size_t after = strncmp(s->text + w, "\xE2\x80\x99", 3) == 0 ? w + 3 : s->text[w] == '\'' ? w + 1 : 0;
			if (after && s->text[after] == 's')
				after++;
			if (after && s->text[after] == ' ') {
				for (size_t k = 0; k < sizeof(acts) / sizeof(acts[0]); k++)
					if (strncmp(s->text + after + 1, acts[k], strlen(acts[k])) == 0)
						return after + 1;
				break;
			}
			if (s->text[w] != ' ')
				break;
			w++;
		}
	}
	return SIZE_MAX;
}

/* Who acts, as a sentence is read place by place (xlinks_sentence). */
struct actors {
	size_t givers[MAX_GIVERS], ngivers;
	size_t actor_end;          /* where the givers' naming ends */
	bool listed;               /* the givers came with a list of places */
	bool acted;                /* a link was made */
	size_t donor_at, pronoun_at, body_at; /* where such a subject starts, or SIZE_MAX */
};

/* A new subject starting before place p: an unnamed body (the section's
 * donor's), "it" (the last actor), or the section's donor named again. */
static void change_subject(const struct xctx *c, const struct xsentence *s, struct actors *a, size_t p)
{
	size_t start = s->places[p].start;
	if (a->body_at != SIZE_MAX && start >= a->body_at) {
		a->ngivers = 0;
		if (c->donor != GAZ_NONE && is_local_giver(c, c->donor))
			a->givers[a->ngivers++] = c->donor;
		a->actor_end = a->body_at;
		a->listed = false;
		a->body_at = body_act_at(s, a->body_at + 1);
	}
	if (a->pronoun_at != SIZE_MAX && start >= a->pronoun_at) {
		if (!a->ngivers)
			a->givers[a->ngivers++] = c->link_actor;
		a->actor_end = a->pronoun_at;
		a->listed = false;
		a->pronoun_at = SIZE_MAX;
	}
	if (a->donor_at != SIZE_MAX && start >= a->donor_at) {
		a->givers[0] = c->donor;
		a->ngivers = 1;
		a->actor_end = a->donor_at;
		a->listed = false;
		a->donor_at = SIZE_MAX;
	}
}

/* Place p as a giver (it becomes the actor: true) or as a county helped
 * (linked to the givers, or to the one a passive names). */
static bool read_giver(struct xctx *c, const struct xsentence *s, struct actors *a, size_t p)
{
	size_t reg = s->places[p].region;
	/* the giver is its clause's subject; a donor's place named
	 * inside a clause ("projects in ... Town of Xuyi County") acts on nothing */
	if (!is_local_giver(c, reg) || is_qualifier(c, s, p) || !(is_subject(s, p) || together(c, s, p)))
		return false;
	a->givers[0] = reg;
	a->ngivers = 1;
	a->actor_end = s->places[p].end;
	a->listed = false;
	return true;
}

static void read_helped(struct xctx *c, const struct xsentence *s, struct actors *a, size_t p)
{
	size_t reg = s->places[p].region, start = s->places[p].start;
	if (!is_county_recipient(c, reg) && !(is_prefecture_recipient(c, reg) && evidence_since(s, start)))
		return; /* a prefecture only when the act starts its link */
	if (a->ngivers && (a->listed || has_act(s->text, a->actor_end, start)) &&
	    !planned(s->text, a->actor_end, start)) {
		link_givers(c, s, a->givers, a->ngivers, p);
		a->acted = true;
		return;
	}
	size_t giver = passive_giver(c, s, p);
	if (giver != GAZ_NONE) {
		link_givers(c, s, &giver, 1, p);
		a->acted = true;
	}
}

void xlinks_sentence(struct xctx *c, const struct xsentence *s)
{
	struct actors a = { .ngivers = 0 };
	a.givers[0] = inherited_giver(c, s, &a.listed);
	a.ngivers = a.givers[0] != GAZ_NONE;
	a.donor_at = c->donor != GAZ_NONE && is_local_giver(c, c->donor) ? donor_subject_at(s) : SIZE_MAX;
	a.pronoun_at = c->link_line == c->line_no && c->link_actor != GAZ_NONE ? pronoun_subject_at(s) : SIZE_MAX;
	link_between(c, s);
	link_firms(c, s);
	a.body_at = body_act_at(s, 0);
	for (size_t p = 0; p < s->nplaces; p++) {
		change_subject(c, s, &a, p);
		size_t last = organized_givers(c, s, p, a.givers, &a.ngivers);
		if (last != SIZE_MAX) {
			a.actor_end = s->places[last].end;
			a.listed = false;
			p = last;
		} else if (!read_giver(c, s, &a, p)) {
			read_helped(c, s, &a, p);
		}
	}
	size_t actor = a.ngivers ? a.givers[0] : GAZ_NONE;
	if (s->nplaces == 0 && actor == GAZ_NONE && c->link_line == c->line_no)
		actor = c->link_actor; /* "First, implement ... . It invested ..." */
	c->link_list = (a.acted || a.listed) && s->len > 0 && s->text[s->len - 1] == ';';
	c->link_actor = actor;
	c->link_line = c->line_no;
}

/* "X Co., Ltd, which is located in A District, donated ...": the fund's
 * giver is only where the real giver lies. */
static bool located_in(const char *sentence, const char *name)
{
	static const char *const locators[] = { "located in ", "based in ", "headquartered in " };
	for (size_t i = 0; i < sizeof(locators) / sizeof(locators[0]); i++) {
		size_t n = strlen(locators[i]);
		for (const char *h = strstr(sentence, locators[i]); h; h = strstr(h + 1, locators[i]))
			if (strncmp(h + n, name, strlen(name)) == 0)
				return true;
	}
	return false;
}

/* Money given by a place to a county or prefecture shows their link. */
void xlinks_funds(struct xctx *c)
{
	static const char *const below[] = { "county", "district", "banner", "prefecture", "city", "league" };
	int line = c->line_no;
	for (size_t i = c->first_fund; i < c->out->nfunds; i++) {
		const struct fact_fund *f = &c->out->funds[i];
		size_t d = gazetteer_lookup(c->g, f->donor), r = gazetteer_lookup(c->g, f->recipient);
		if (d == GAZ_NONE || r == GAZ_NONE || f->table_index >= 0 || fund_kind_of(f->category) != KIND_AID ||
		    !type_in(c, r, below, 6) || type_in(c, d, (const char *const[]){ "enterprise" }, 1) ||
		    gazetteer_within(c->g, r, d) || gazetteer_within(c->g, d, r))
			continue;
		if (strcmp(side_name(c, r), "west") != 0 || !*side_name(c, d) || located_in(f->sentence, f->donor))
			continue;
		c->line_no = f->line_no;
		xadd_link_shared(c, d, r, f->sentence);
	}
	c->line_no = line;
}
