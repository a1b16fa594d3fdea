#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract-internal.h"
#include "pairoff/util.h"

/* Counts of what the programme did, from prose: a number (digits, "2.375
 * million", "six"), the noun phrase right after it that says what it
 * counts ("temporary cadres", "person-times", "poor students"), and the
 * verbs around it, which decide what people counted were: sent, trained,
 * transferred as labour, or benefited. A number that is money, a year, a
 * date, a percentage, a document's number, or counts something not in the
 * vocabulary (cities, counties, sides) is no indicator. Donor, recipient
 * and time come from the rules for money (xparties_for, xyear_for). */

/* How a counted noun gets its kind. */
enum noun_class {
	NC_THING,        /* the kind is the noun's */
	NC_SENT,         /* cadres, doctors, teachers: sent unless trained */
	NC_PERSON,       /* people, farmers: trained, labour, sent or benefited */
	NC_LABOUR,       /* labourers: labour unless trained */
	NC_PERSON_TIME,  /* person-times: trained, visits, labour or people */
	NC_COURSE,       /* courses, sessions, classes: only as training */
	NC_PROJECT,      /* aid projects; signed or investment projects are money */
	NC_CONTAINER,    /* batches, groups, teams: the kind of what they hold */
	NC_DISTANCE,     /* km: a road's length, never an area */
	NC_AREA,         /* mu, hectares, square metres of land built */
};

/* Nouns in the singular, lower case; "health center" names two words. */
static const struct {
	const char *noun;
	enum indicator_kind kind;
	enum noun_class cls;
} nouns[] = {
	{ "cadre", IND_CADRES, NC_SENT }, { "official", IND_CADRES, NC_SENT },
	{ "technician", IND_CADRES, NC_SENT }, { "doctor", IND_CADRES, NC_SENT },
	{ "teacher", IND_CADRES, NC_SENT }, { "volunteer", IND_CADRES, NC_SENT },
	{ "expert", IND_CADRES, NC_SENT }, { "nurse", IND_CADRES, NC_SENT },
	{ "principal", IND_PEOPLE, NC_PERSON }, { "headmaster", IND_PEOPLE, NC_PERSON },
	{ "entrepreneur", IND_VISITS, NC_THING }, { "member", IND_VISITS, NC_THING },
	/* "department heads" are sent; "heads of livestock" count what they hold */
	{ "head", IND_CADRES, NC_CONTAINER },
	{ "leader", IND_CADRES, NC_SENT }, { "talent", IND_CADRES, NC_SENT },
	{ "specialist", IND_CADRES, NC_SENT }, { "medical worker", IND_CADRES, NC_SENT },
	{ "medical staff", IND_CADRES, NC_SENT }, { "professional", IND_CADRES, NC_SENT },
	{ "technical personnel", IND_CADRES, NC_SENT }, { "team", IND_CADRES, NC_CONTAINER },
	{ "trainee", IND_TRAINED, NC_THING },
	{ "person-time", IND_PEOPLE, NC_PERSON_TIME }, { "man-time", IND_PEOPLE, NC_PERSON_TIME },
	{ "course", IND_TRAINED, NC_COURSE }, { "session", IND_TRAINED, NC_COURSE },
	{ "class", IND_TRAINED, NC_COURSE }, { "seminar", IND_TRAINED, NC_COURSE }, { "training", IND_TRAINED, NC_COURSE },
	{ "labor", IND_LABOUR, NC_LABOUR }, { "labour", IND_LABOUR, NC_LABOUR },
	{ "laborer", IND_LABOUR, NC_LABOUR }, { "electrician", IND_LABOUR, NC_LABOUR },
	{ "welder", IND_LABOUR, NC_LABOUR }, { "labourer", IND_LABOUR, NC_LABOUR },
	{ "worker", IND_LABOUR, NC_LABOUR }, { "labor force", IND_LABOUR, NC_LABOUR },
	{ "labour force", IND_LABOUR, NC_LABOUR },
	{ "job", IND_LABOUR, NC_THING }, { "employment", IND_LABOUR, NC_THING },
	{ "student", IND_STUDENTS, NC_THING }, { "pupil", IND_STUDENTS, NC_THING },
	{ "child", IND_STUDENTS, NC_THING }, { "schoolgirl", IND_STUDENTS, NC_THING },
	{ "schoolboy", IND_STUDENTS, NC_THING }, { "boy", IND_STUDENTS, NC_THING }, { "girl", IND_STUDENTS, NC_THING },
	{ "graduate", IND_STUDENTS, NC_PERSON }, { "children", IND_STUDENTS, NC_THING },
	{ "project", IND_PROJECTS, NC_PROJECT }, { "agreement", IND_PROJECTS, NC_PROJECT },
	{ "village", IND_VILLAGES, NC_THING }, { "hamlet", IND_VILLAGES, NC_THING },
	{ "school", IND_SCHOOLS, NC_THING }, { "kindergarten", IND_SCHOOLS, NC_THING },
	{ "hospital", IND_HEALTH, NC_THING }, { "clinic", IND_HEALTH, NC_THING },
	{ "health center", IND_HEALTH, NC_THING }, { "health centre", IND_HEALTH, NC_THING },
	{ "health station", IND_HEALTH, NC_THING }, { "medical station", IND_HEALTH, NC_THING },
	{ "household", IND_HOUSEHOLDS, NC_THING }, { "family", IND_HOUSEHOLDS, NC_THING },
	{ "people", IND_PEOPLE, NC_PERSON }, { "person", IND_PEOPLE, NC_PERSON },
	{ "farmer", IND_PEOPLE, NC_PERSON }, { "herdsman", IND_PEOPLE, NC_PERSON },
	{ "herdsmen", IND_PEOPLE, NC_PERSON }, { "villager", IND_PEOPLE, NC_PERSON },
	{ "resident", IND_PEOPLE, NC_PERSON }, { "youth", IND_PEOPLE, NC_PERSON },
	{ "woman", IND_PEOPLE, NC_PERSON }, { "women", IND_PEOPLE, NC_PERSON },
	{ "immigrant", IND_PEOPLE, NC_PERSON },
	{ "outpatient visit", IND_OTHER, NC_THING }, { "delegation", IND_VISITS, NC_THING }, { "visit", IND_VISITS, NC_THING },
	{ "trip", IND_VISITS, NC_THING }, { "inspection tour", IND_VISITS, NC_THING },
	{ "enterprise", IND_ENTERPRISES, NC_THING }, { "company", IND_ENTERPRISES, NC_THING },
	{ "firm", IND_ENTERPRISES, NC_THING }, { "branch", IND_ENTERPRISES, NC_THING },
	{ "subsidiary", IND_ENTERPRISES, NC_THING }, { "dealer", IND_ENTERPRISES, NC_THING },
	{ "km", IND_ROADS, NC_DISTANCE }, { "kilometer", IND_ROADS, NC_DISTANCE },
	{ "kilometre", IND_ROADS, NC_DISTANCE },
	{ "mu", IND_LAND, NC_AREA }, { "hectare", IND_LAND, NC_AREA },
	{ "greenhouse", IND_LAND, NC_THING }, { "shed", IND_LAND, NC_THING },
	/* square metres measure what was built (shops, schools), not land */
	{ "square meter", IND_OTHER, NC_AREA }, { "square metre", IND_OTHER, NC_AREA },
	{ "meter", IND_ROADS, NC_DISTANCE }, { "metre", IND_ROADS, NC_DISTANCE },
	{ "well", IND_OTHER, NC_THING }, { "pump station", IND_OTHER, NC_THING },
	{ "bridge", IND_OTHER, NC_THING },
	{ "biogas digester", IND_OTHER, NC_THING }, { "water cellar", IND_OTHER, NC_THING },
	{ "house", IND_OTHER, NC_THING }, { "ambulance", IND_OTHER, NC_THING },
	/* donations in kind */
	{ "book", IND_OTHER, NC_THING }, { "computer", IND_OTHER, NC_THING }, { "quilt", IND_OTHER, NC_THING },
	{ "clothes", IND_OTHER, NC_THING }, { "clothing", IND_OTHER, NC_THING }, { "bedding", IND_OTHER, NC_THING },
	{ "livestock", IND_OTHER, NC_THING }, { "pig", IND_OTHER, NC_THING }, { "cattle", IND_OTHER, NC_THING },
	{ "sheep", IND_OTHER, NC_THING },
	{ "batch", IND_OTHER, NC_CONTAINER }, { "group", IND_OTHER, NC_CONTAINER },
};
#define NNOUNS (sizeof(nouns) / sizeof(nouns[0]))
#define NO_NOUN NNOUNS

static const struct {
	const char *word;
	int value;
} number_words[] = {
	{ "one", 1 }, { "two", 2 }, { "three", 3 }, { "four", 4 }, { "five", 5 }, { "six", 6 },
	{ "seven", 7 }, { "eight", 8 }, { "nine", 9 }, { "ten", 10 }, { "eleven", 11 },
	{ "twelve", 12 }, { "thirteen", 13 }, { "fourteen", 14 }, { "fifteen", 15 },
	{ "sixteen", 16 }, { "seventeen", 17 }, { "eighteen", 18 }, { "nineteen", 19 },
	{ "twenty", 20 }, { "thirty", 30 }, { "forty", 40 }, { "fifty", 50 }, { "sixty", 60 },
	{ "seventy", 70 }, { "eighty", 80 }, { "ninety", 90 }, { "a hundred", 100 }, { "a dozen", 12 },
	{ "one hundred", 100 },
};

static const char *const scale_words[] = { "hundred million", "ten thousand", "million", "thousand" };

/* Words that end the noun phrase after a number. */
static const char *const stop_words[] = {
	"of", "in", "for", "to", "from", "with", "by", "at", "on", "into", "which", "who", "that",
	"was", "were", "is", "are", "be", "been", "had", "has", "have", "as", "than", "through",
	"including", "each", "per", "under", "among", "respectively", "while", "after", "before",
	"during", "the", "its", "their", "this", "these", "times", "across", "within", "totaling",
	"shall", "will", "would", "should", "can", "could", "may", "must", "did", "do", "does", "also",
	"all", "both",
};

/* Verbs, in the singular or as stems, that tell what counted people were. */
static const char *const train_cues[] = { "train", "trained", "training", "trainings" };
/* "received 85 key doctors": the east hosts people of the west to learn */
static const char *const host_cues[] = {
	"received", "receiving", "hosted", "trainee", "trainees", "accepted", "accepting",
};
static const char *const sent_cues[] = {
	"sent", "send", "sending", "dispatched", "dispatch", "selected", "select", "assigned",
	"seconded", "exchanged", "exchange", "temporary", "teams", "team", "went", "personnel",
};
static const char *const labour_cues[] = {
	"transfer", "transferred", "transferring", "employed", "employment", "export", "exported",
	"migrant", "jobs", "job",
};
/* people who attended an event or did field research are visitors too, by
 * the words around them (see context_cue) */
static const char *const visit_cues[] = {
	"visit", "visits", "visited", "visiting", "delegation", "delegations",
};

static const char *const months[] = {
	"january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december",
};

static bool is_letter(unsigned char ch)
{
	return isalpha(ch) || ch == '-' || ch == '\'';
}

/* A curly quote or any other UTF-8 punctuation the phrase may hold. */
static size_t skip_blanks(const char *t, size_t i, size_t len)
{
	for (;;) {
		if (i < len && (t[i] == ' ' || t[i] == '"'))
			i++;
		else if (i + 2 < len && (unsigned char)t[i] == 0xE2 && (unsigned char)t[i + 1] == 0x80 &&
			 ((unsigned char)t[i + 2] == 0x9C || (unsigned char)t[i + 2] == 0x9D))
			i += 3;
		else
			return i;
	}
}

/* Tried on every word after a number against every list: the first letter
 * is compared before anything else. */
static bool word_is(const char *w, size_t n, const char *word)
{
	return n && tolower((unsigned char)w[0]) == word[0] && strlen(word) == n && strncasecmp(w, word, n) == 0;
}

static bool word_in(const char *w, size_t n, const char *const *list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (word_is(w, n, list[i]))
			return true;
	return false;
}

/* w (n bytes) is singular or its plural: -s, -es, -y/-ies. */
static bool noun_form(const char *w, size_t n, const char *singular)
{
	size_t k = strlen(singular);
	if (n < k || strncasecmp(w, singular, k - 1) != 0)
		return false;
	if (n == k)
		return tolower((unsigned char)w[k - 1]) == singular[k - 1];
	if (singular[k - 1] == 'y' && n == k + 2)
		return strncasecmp(w + k - 1, "ies", 3) == 0;
	if (tolower((unsigned char)w[k - 1]) != singular[k - 1])
		return false;
	return (n == k + 1 && tolower((unsigned char)w[k]) == 's') ||
	       (n == k + 2 && strncasecmp(w + k, "es", 2) == 0);
}

/* The words of a phrase, by offset. */
struct pword {
	size_t start, end;
};

/* The vocabulary noun that ends at word k of w (one or two words), or
 * NO_NOUN; *first is the index of its first word. */
static size_t noun_at(const char *t, const struct pword *w, size_t k, size_t *first)
{
	unsigned char c0 = (unsigned char)tolower((unsigned char)t[w[k].start]);
	unsigned char p0 = k > 0 ? (unsigned char)tolower((unsigned char)t[w[k - 1].start]) : 0;
	for (size_t i = 0; i < NNOUNS; i++) {
		if ((unsigned char)nouns[i].noun[0] != c0 && (unsigned char)nouns[i].noun[0] != p0)
			continue; /* most words are no noun of the list */
		const char *sp = strchr(nouns[i].noun, ' ');
		*first = k;
		if (!sp) {
			if (noun_form(t + w[k].start, w[k].end - w[k].start, nouns[i].noun))
				return i;
			continue;
		}
		size_t n1 = (size_t)(sp - nouns[i].noun);
		if (k > 0 && w[k - 1].end - w[k - 1].start == n1 &&
		    strncasecmp(t + w[k - 1].start, nouns[i].noun, n1) == 0 &&
		    noun_form(t + w[k].start, w[k].end - w[k].start, sp + 1)) {
			*first = k - 1;
			return i;
		}
	}
	return NO_NOUN;
}

/* What a number counts: the noun phrase after it. */
struct counted {
	size_t noun;           /* index into nouns, NO_NOUN when none */
	size_t unit_start, unit_end; /* the noun as written */
	size_t end;            /* where the phrase ends */
	size_t next;           /* offset after the phrase's last word read */
	bool thing;            /* no vocabulary noun: a plural outside it heads the phrase (unit_start..) */
	bool head_after;       /* a word outside the vocabulary follows the singular noun */
	struct pword possessor; /* "households" of "households' farming": a noun that owns the rest */
	size_t possessor_noun;  /* its index into nouns, when possessor.end */
};

/* "cities", "places", "principals": a plural that is not in the
 * vocabulary is the head of a phrase that counts something else. */
static bool other_plural(const char *w, size_t n)
{
	if (n < 4 || tolower((unsigned char)w[n - 1]) != 's')
		return false;
	char a = (char)tolower((unsigned char)w[n - 2]);
	return a != 's' && a != 'u' && a != 'i';
}

/* A plural noun is the head of its phrase ("trainees", "schools"); a
 * singular one may still be a modifier ("school teachers", "training
 * courses"). Nouns with no singular use, and units, always end it. */
static bool ends_phrase(size_t noun, size_t n)
{
	static const char *const always[] = {
		"people", "herdsmen", "children", "women", "clothes", "clothing", "livestock", "cattle", "sheep",
		"medical staff", "technical personnel",
	};
	const char *sp = strchr(nouns[noun].noun, ' ');
	size_t singular = strlen(sp ? sp + 1 : nouns[noun].noun);
	enum noun_class cls = nouns[noun].cls;
	if (cls == NC_PERSON_TIME || cls == NC_DISTANCE || cls == NC_AREA || n != singular)
		return true;
	for (size_t i = 0; i < ARRAY_LEN(always); i++)
		if (strcmp(nouns[noun].noun, always[i]) == 0)
			return true;
	return false;
}

static bool irregular_verb(const char *w, size_t n)
{
	static const char *const verbs[] = { "sent", "built", "held", "went", "came", "made", "gave", "got" };
	return word_in(w, n, verbs, ARRAY_LEN(verbs));
}

/* Whether the word at t+i, read alone, is a noun of the vocabulary that
 * heads its phrase (a plural: "skills trainings"; not "skills training
 * schools", where the plural after it is the head). */
static bool vocabulary_head(const char *t, size_t i)
{
	size_t n = 0;
	while (is_letter((unsigned char)t[i + n]))
		n++;
	for (size_t k = 0; k < NNOUNS && n; k++)
		if (!strchr(nouns[k].noun, ' ') && noun_form(t + i, n, nouns[k].noun))
			return ends_phrase(k, n);
	return false;
}

static struct counted read_words(const char *t, size_t i, size_t len, bool past_bracket);

/* "175 were ... projects": past the verb to what the number counts. */
static size_t skip_copula(const char *t, size_t i, size_t len)
{
	size_t n = strspn(t + i, "abcdefghijklmnopqrstuvwxyz");
	return word_is(t + i, n, "were") || word_is(t + i, n, "was") ? skip_blanks(t, i + n, len) : i;
}

/* A plural outside the vocabulary at t[i, e) heads the phrase: it counts
 * other things, unless a noun was read right before it ("school
 * buildings": the noun was a modifier). */
static void other_head(struct counted *c, const struct pword *w, size_t nw, size_t i, size_t e)
{
	if (c->noun != NO_NOUN && c->end == w[nw - 1].end)
		c->noun = NO_NOUN;
	if (c->noun == NO_NOUN) {
		c->thing = true;
		c->unit_start = i;
		c->unit_end = c->end = c->next = e;
	}
}

/* Where read_words stopped (at i, after nw words) with c: one bracket
 * inside the phrase is read past ("12 new (pilot village) projects"), and
 * only one, so a chain of "word (x) word (x) ..." costs a few words per
 * number, not a stack frame per bracket; a singular noun followed by a
 * word outside the vocabulary modified it ("one training base" counts no
 * training). */
static struct counted phrase_end(const char *t, struct counted c, size_t i, size_t nw, size_t len,
				 bool past_bracket)
{
	if (past_bracket && c.noun == NO_NOUN && !c.thing && nw > 0 && nw < 7 && t[i] == '(') {
		const char *close = memchr(t + i, ')', len - i < 48 ? len - i : 48);
		size_t j = close ? skip_blanks(t, (size_t)(close - t) + 1, len) : i;
		if (close && j > i && isalpha((unsigned char)t[j])) {
			struct counted rest = read_words(t, j, len, false);
			if (rest.noun != NO_NOUN || rest.thing)
				return rest;
		}
	}
	if (c.noun != NO_NOUN && c.head_after)
		c.noun = NO_NOUN;
	if (c.noun == NO_NOUN && !c.thing && c.possessor.end) {
		/* "90 households' fruit business": what they own counts nothing; they do */
		c.noun = c.possessor_noun;
		c.unit_start = c.possessor.start;
		c.unit_end = c.end = c.next = c.possessor.end;
	}
	return c;
}

/* Reads up to 8 words after i: the phrase ends at punctuation, a number, a
 * stop word, a verb after its noun, or a plural noun, which heads it. Its
 * noun is the last vocabulary noun read ("junior and senior middle school
 * backbone teachers": teachers; "schools and kindergartens": schools;
 * "middle school and college students": students). A bracket after the
 * first words is read past when past_bracket (see phrase_end). */
static struct counted read_words(const char *t, size_t i, size_t len, bool past_bracket)
{
	struct counted c = { .noun = NO_NOUN };
	struct pword w[8];
	size_t nw = 0;
	i = skip_copula(t, skip_blanks(t, i, len), len);
	while (nw < 8 && i < len && isalpha((unsigned char)t[i])) {
		size_t e = i;
		while (e < len && is_letter((unsigned char)t[e]))
			e++;
		size_t n = e - i;
		if (word_in(t + i, n, stop_words, ARRAY_LEN(stop_words)))
			break;
		if (word_is(t + i, n, "and") || word_is(t + i, n, "or")) {
			size_t j = skip_blanks(t, e, len);
			if (!isalpha((unsigned char)t[j]))
				break;
			i = j;
			continue;
		}
		if (c.noun != NO_NOUN && ((n > 3 && strncasecmp(t + e - 2, "ed", 2) == 0) || irregular_verb(t + i, n)))
			break; /* "delegations visited ...": the verb after the noun */
		w[nw] = (struct pword){ i, e };
		size_t first = nw, k = noun_at(t, w, nw, &first);
		if (k == NO_NOUN && other_plural(t + i, n)) {
			if (nw + 1 < 8 && vocabulary_head(t, skip_blanks(t, e, len))) {
				nw++; /* "skills trainings", "sales agreements": the plural modifies */
				c.next = e;
				i = skip_blanks(t, e, len);
				continue;
			}
			other_head(&c, w, nw, i, e);
			break;
		}
		if (t[e - 1] == '\'' || (e + 2 < len && (unsigned char)t[e] == 0xE2 && (unsigned char)t[e + 1] == 0x80 &&
					  (unsigned char)t[e + 2] == 0x99)) {
			if (k != NO_NOUN && c.noun == NO_NOUN) {
				c.possessor = (struct pword){ w[first].start, t[e - 1] == '\'' ? e - 1 : e };
				c.possessor_noun = k;
			}
			i = skip_blanks(t, t[e - 1] == '\'' ? e : e + 3, len);
			continue; /* "teachers' offices", "Fujian's enterprises": a possessive modifies */
		}
		if (k != NO_NOUN) {
			c.noun = k;
			c.head_after = false;
			c.unit_start = w[first].start;
			c.unit_end = e;
			c.end = e;
			if (ends_phrase(k, n)) {
				c.next = e;
				break; /* "48 trainees find jobs": the plural was the head */
			}
		}
		nw++;
		c.next = e;
		if (k == NO_NOUN && c.noun != NO_NOUN && !(n > 2 && strncasecmp(t + e - 2, "ly", 2) == 0))
			c.head_after = true;
		i = skip_blanks(t, e, len);
	}
	return phrase_end(t, c, i, nw, len, past_bracket);
}

static struct counted read_phrase(const char *t, size_t i, size_t len)
{
	return read_words(t, i, len, true);
}

/* --- numbers ------------------------------------------------------------------ */

struct number {
	size_t start, end;     /* the number and its scale word */
	int64_t value;         /* rounded to a whole number */
	double exact;          /* as written: "2.7" km stays 2.7 */
};

static bool is_word_byte(unsigned char ch)
{
	return isalnum(ch) || ch >= 0x80;
}

static size_t digits_len(const char *t, size_t i)
{
	size_t j = i;
	while (isdigit((unsigned char)t[j]) || ((t[j] == ',' || t[j] == '.') && isdigit((unsigned char)t[j + 1]) &&
						 j > i))
		j++;
	return j - i;
}

/* "1,234.5" read as written, thousands separators left out. */
static double decimal(const char *t, size_t n)
{
	char buf[40];
	size_t o = 0;
	for (size_t k = 0; k < n && o + 1 < sizeof(buf); k++)
		if (t[k] != ',')
			buf[o++] = t[k];
	buf[o] = '\0';
	return strtod(buf, NULL);
}

/* A number in digits with an optional scale ("2.375 million"), or in
 * words ("six"), at t+i. */
static bool number_at(const char *t, size_t i, size_t len, struct number *num)
{
	num->start = i;
	if (isdigit((unsigned char)t[i])) {
		size_t n = digits_len(t, i), e = i + n;
		if (is_word_byte((unsigned char)t[e]) || t[e] == '%')
			return false; /* "11th", "5%" */
		const char *scale = NULL;
		size_t j = skip_blanks(t, e, len);
		for (size_t s = 0; s < ARRAY_LEN(scale_words) && j > e; s++)
			if (xword_at(t, j, scale_words[s])) {
				scale = scale_words[s];
				e = j + strlen(scale);
				break;
			}
		num->end = e;
		if (!xparse_amount(t + i, n, scale, &num->value))
			return false;
		num->exact = scale || !memchr(t + i, '.', n) ? (double)num->value : decimal(t + i, n);
		return true;
	}
	if (i > 0 && isupper((unsigned char)t[i]))
		return false; /* "Four Seasons", "Nine Dragons": a name */
	unsigned char c0 = (unsigned char)tolower((unsigned char)t[i]);
	if (!strchr("otfsenat", c0) || !c0)
		return false; /* tried at every word: most start with no number's letter */
	for (size_t k = ARRAY_LEN(number_words); k-- > 0;)
		if ((unsigned char)number_words[k].word[0] == c0 && xword_at(t, i, number_words[k].word)) {
			num->end = i + strlen(number_words[k].word);
			num->value = number_words[k].value;
			num->exact = num->value;
			size_t j = skip_blanks(t, num->end, len);
			for (size_t sc = 0; sc < ARRAY_LEN(scale_words); sc++)
				if (xword_at(t, j, scale_words[sc])) {
					char digits[8];
					int n = snprintf(digits, sizeof(digits), "%d", number_words[k].value);
					num->end = j + strlen(scale_words[sc]);
					bool ok = xparse_amount(digits, (size_t)n, scale_words[sc], &num->value);
					num->exact = (double)num->value;
					return ok;
				}
			return true;
		}
	return false;
}

/* "the 2013 projects", "and 2014 projects": a year written before a noun. */
static bool year_before(const char *t, size_t b)
{
	static const char *const words[] = { "the", "and", "its", "or" };
	size_t e = b;
	while (e > 0 && t[e - 1] == ' ')
		e--;
	size_t w = e;
	while (w > 0 && isalpha((unsigned char)t[w - 1]))
		w--;
	return word_in(t + w, e - w, words, ARRAY_LEN(words));
}

/* The quotation mark at t+i: 1 opening, -1 closing, 2 a straight one
 * (opens or closes), 0 none; *n its length. */
static int quote_mark(const char *t, size_t i, size_t len, size_t *n)
{
	*n = 1;
	if (t[i] == '"')
		return 2;
	if ((unsigned char)t[i] != 0xE2 || i + 2 >= len || (unsigned char)t[i + 1] != 0x80)
		return 0;
	*n = 3;
	return (unsigned char)t[i + 2] == 0x9C ? 1 : (unsigned char)t[i + 2] == 0x9D ? -1 : 0;
}

/* Whether, with a quotation open at pos (as the sentence's reading
 * tracks it), it closes after pos: a number inside counts nothing; it is
 * a slogan ("one school for one village") or a name. */
static bool quotation_closes(const struct xsentence *s, size_t pos, bool open)
{
	size_t n;
	for (size_t i = pos; open && i < s->len; i++) {
		int q = quote_mark(s->text, i, s->len, &n);
		if (q < 0 || q == 2)
			return true;
	}
	return false;
}

/* The word that ends right before t+e (past blanks): its start, and e
 * moved to its end; *w == *e when there is none. */
static void word_ending(const char *t, size_t *w, size_t *e)
{
	while (*e > 0 && t[*e - 1] == ' ')
		(*e)--;
	*w = *e;
	while (*w > 0 && isalpha((unsigned char)t[*w - 1]))
		(*w)--;
}

/* "accommodate [more than] 900", "a capacity of [about] 500": the number
 * sizes what was built. Only right before the number: "built a school
 * that can accommodate pupils and trained 30 teachers" still counts. */
static bool capacity_before(const char *t, size_t num_start)
{
	bool approx;
	size_t e = xapprox_start(t, num_start, &approx), w;
	word_ending(t, &w, &e);
	if (e - w >= 10 && strncasecmp(t + w, "accommodat", 10) == 0)
		return true;
	if (!word_is(t + w, e - w, "of") && !word_is(t + w, e - w, "for"))
		return false;
	e = w;
	word_ending(t, &w, &e);
	return word_is(t + w, e - w, "capacity") || word_is(t + w, e - w, "capacities");
}

/* Numbers that are not counts: inside money or a year, a document's or a
 * school's number ("No. 4"), a date ("May 3 to 6"), a percentage, a
 * figure glued to another ("7+8"). */
static bool not_a_count(const struct xsentence *s, const struct number *num, bool quoted)
{
	const char *t = s->text;
	for (size_t m = 0; m < s->nmoney; m++)
		if (num->start < s->money[m].end && num->end > s->money[m].start)
			return true;
	for (size_t y = 0; y < s->nyears; y++)
		if (num->start < s->years[y].end && num->end > s->years[y].start)
			return true;
	size_t b = num->start;
	if (b > 0 && strchr("+-/.:#", t[b - 1]))
		return true;
	size_t e = skip_blanks(t, num->end, s->len);
	if (t[e] == '%' || xword_at(t, e, "percent") || xword_at(t, e, "per cent"))
		return true;
	if (t[num->end] == '-' && !xword_at(t, num->end + 1, "mu") && !xword_at(t, num->end + 1, "square"))
		return true; /* "six-meter-wide", "60-cubic meter": a size; "800-mu base" is land */
	size_t from = b > 14 ? b - 14 : 0;
	if (num->value >= 1990 && num->value <= 2049 && num->end - num->start == 4 && t[num->end] != '-' &&
	    year_before(t, b))
		return true; /* "the 2013 projects and 2014 projects": a year's */
	if (xfind_ci(t, from, b, "no.") || xfind_ci(t, from, b, "no ") || xfind_ci(t, from, b, "article"))
		return true;
	for (size_t k = 0; k < ARRAY_LEN(months); k++)
		if (xcontains_word(t, from, b, months[k]) || xword_at(t, e, months[k]))
			return true;
	if (capacity_before(t, num->start))
		return true; /* "can accommodate 900 pupils", "a capacity of 500 pigs": a size */
	return quotation_closes(s, b, quoted);
}

/* --- what people counted were ----------------------------------------------------- */

enum cue { CUE_NONE, CUE_TRAIN, CUE_SENT, CUE_LABOUR, CUE_VISIT };

static enum cue cue_of(const char *w, size_t n)
{
	if (word_in(w, n, train_cues, ARRAY_LEN(train_cues)) || word_in(w, n, host_cues, ARRAY_LEN(host_cues)))
		return CUE_TRAIN;
	if (word_in(w, n, sent_cues, ARRAY_LEN(sent_cues)))
		return CUE_SENT;
	if (word_in(w, n, labour_cues, ARRAY_LEN(labour_cues)))
		return CUE_LABOUR;
	if (word_in(w, n, visit_cues, ARRAY_LEN(visit_cues)))
		return CUE_VISIT;
	return CUE_NONE;
}

/* "attended the trade fair", not "attended training courses": people who
 * attended an event came to it; people who attended a course were
 * trained. The word t[i, e) is "attended", an event's noun follows within
 * a few words and no training is named right before or after. */
static bool attended_event(const char *t, size_t i, size_t e)
{
	static const char *const events[] = {
		"event", "fair", "conference", "meeting", "forum", "expo", "exhibition", "symposium",
		"ceremony", "festival", "fete", "promotion",
	};
	if (!word_is(t + i, e - i, "attended"))
		return false;
	size_t b = i > 40 ? i - 40 : 0;
	if (xfind_ci(t, b, i, "train"))
		return false;
	bool event = false;
	for (size_t k = 0, j = e; k < 6; k++) {
		while (t[j] == ' ')
			j++;
		size_t w = j;
		while (is_letter((unsigned char)t[j]))
			j++;
		if (j == w)
			break;
		if (xfind_ci(t, w, j, "train") || noun_form(t + w, j - w, "course") ||
		    noun_form(t + w, j - w, "class") || noun_form(t + w, j - w, "lecture"))
			return false;
		for (size_t n = 0; n < ARRAY_LEN(events); n++)
			if (noun_form(t + w, j - w, events[n]))
				event = true;
	}
	return event;
}

/* The cue of the word t[i, e), from the lists, or from the words around it
 * ("attended the fair", "field research"). */
static enum cue cue_in(const char *t, size_t i, size_t e)
{
	enum cue c = e > i ? cue_of(t + i, e - i) : CUE_NONE;
	if (c != CUE_NONE)
		return c;
	if (attended_event(t, i, e))
		return CUE_VISIT;
	if (word_is(t + i, e - i, "research") && i >= 6 && strncasecmp(t + i - 6, "field ", 6) == 0)
		return CUE_VISIT;
	return CUE_NONE;
}

/* "boarded an express train", "the train": a train that carries people
 * trains nobody. The word t[i, e) is "train" after an article or a word
 * that qualifies a vehicle. */
static bool train_vehicle(const char *t, size_t from, size_t i, size_t e)
{
	static const char *const before[] = { "a", "the", "special", "express", "high-speed", "bullet", "by" };
	if (!word_is(t + i, e - i, "train") || i <= from + 1)
		return false;
	size_t b = i - 1, w = b;
	while (w > from && is_letter((unsigned char)t[w - 1]))
		w--;
	return word_in(t + w, b - w, before, ARRAY_LEN(before));
}

/* The cue word nearest before `to` in t[from, to) (the verb that governs
 * the count), or the first after, by `backward`. */
static enum cue nearest_cue(const char *t, size_t from, size_t to, bool backward)
{
	enum cue found = CUE_NONE;
	for (size_t i = from; i < to;) {
		if (!isalpha((unsigned char)t[i]) || (i > from && is_letter((unsigned char)t[i - 1]))) {
			i++;
			continue;
		}
		size_t e = i;
		while (e < to && is_letter((unsigned char)t[e]))
			e++;
		enum cue c = cue_in(t, i, e);
		if (c == CUE_TRAIN && train_vehicle(t, from, i, e))
			c = CUE_NONE;
		if (c != CUE_NONE) {
			found = c;
			if (!backward)
				return c;
		}
		i = e;
	}
	return found;
}

/* "to study in Xiamen", "to practise at its hospitals", "to practice for
 * three months": studying somewhere or for a time is being trained;
 * "to study the market" is no training. i is right after the verb. */
static bool study_where(const char *t, size_t i, size_t to)
{
	static const char *const spans[] = { "day", "week", "month", "year", "half" };
	if (i < to && is_letter((unsigned char)t[i]))
		return false; /* "to studying", "to practices" */
	while (i < to && t[i] == ' ')
		i++;
	if (xword_at(t, i, "in") || xword_at(t, i, "at"))
		return true;
	if (!xword_at(t, i, "for"))
		return false;
	size_t e = i + 3 + 40 < to ? i + 3 + 40 : to;
	for (size_t k = 0; k < ARRAY_LEN(spans); k++)
		if (xfind_ci(t, i + 3, e, spans[k]))
			return true;
	return false;
}

/* "... teachers ... to receive trainings": the counted people are trained. */
static bool trainees_after(const char *t, size_t from, size_t to)
{
	static const char *const receive[] = {
		"receive", "attend", "attended", "for", "were", "be", "participate", "join", "accept",
	};
	/* "arranged 30 nurses to practise in its hospitals": trainees too */
	static const char *const learn[] = { "to learn", "for study", "for further study" };
	static const char *const study[] = { "to study", "to practice", "to practise" };
	for (size_t k = 0; k < ARRAY_LEN(learn); k++)
		if (xfind_ci(t, from, to, learn[k]))
			return true;
	for (size_t k = 0; k < ARRAY_LEN(study); k++)
		for (const char *at = xfind_ci(t, from, to, study[k]); at; at = xfind_ci(t, (size_t)(at - t) + 1, to, study[k]))
			if (study_where(t, (size_t)(at - t) + strlen(study[k]), to))
				return true;
	for (size_t k = 0; k < ARRAY_LEN(train_cues); k++) {
		const char *at = xfind_ci(t, from, to, train_cues[k]);
		if (!at)
			continue;
		size_t pos = (size_t)(at - t), b = pos > from + 24 ? pos - 24 : from;
		for (size_t r = 0; r < ARRAY_LEN(receive); r++)
			if (xcontains_word(t, b, pos, receive[r]))
				return true;
	}
	return false;
}

/* Whether people are counted at t+i: "[more than] [300] [local] farmers". */
static bool people_at(const char *t, size_t i, size_t to)
{
	static const char *const approx[] = { "more than", "over", "nearly", "about", "around", "almost", "some" };
	struct number num;
	for (int k = 0; k < 3 && i < to; k++) {
		i = skip_blanks(t, i, to);
		if (number_at(t, i, to, &num)) {
			i = num.end;
			continue;
		}
		size_t a = 0;
		while (a < ARRAY_LEN(approx) && !xword_at(t, i, approx[a]))
			a++;
		if (a == ARRAY_LEN(approx))
			break;
		i += strlen(approx[a]);
	}
	struct counted c = read_phrase(t, i, to);
	if (c.noun == NO_NOUN)
		return false;
	enum noun_class cls = nouns[c.noun].cls;
	return cls == NC_SENT || cls == NC_PERSON || cls == NC_PERSON_TIME || cls == NC_LABOUR ||
	       nouns[c.noun].kind == IND_STUDENTS;
}

/* "organized 15 nurses to hold a training for 500 villagers": people who
 * give a training for others are sent to give it, not trained. Only
 * "hold", "give", "deliver" and "teach", and only with the people it is
 * "for" named after the training: "organized 60 nurses to conduct a
 * training in Xiamen" trained the nurses. */
static bool trainers_after(const char *t, size_t from, size_t to)
{
	static const char *const give[] = { "to hold", "to give", "to deliver", "to teach" };
	for (size_t k = 0; k < ARRAY_LEN(give); k++) {
		const char *at = xfind_ci(t, from, to, give[k]);
		if (!at)
			continue;
		size_t i = (size_t)(at - t) + strlen(give[k]), train_end = 0;
		for (int words = 0; words < 8 && i < to; words++) {
			i = skip_blanks(t, i, to);
			size_t e = i;
			while (e < to && is_letter((unsigned char)t[e]))
				e++;
			if (e == i)
				break;
			if (train_end && word_is(t + i, e - i, "for"))
				return people_at(t, e, to);
			if (!train_end && cue_in(t, i, e) == CUE_TRAIN)
				train_end = e;
			i = e;
		}
	}
	return false;
}

/* Where the words governing the count start: the clause's start or the
 * previous number's end, whichever is earlier, so "held trainings on A, B
 * and C for 40 cadres" still sees its verb. */
static size_t governing_start(const struct xsentence *s, size_t num_start, size_t prev_end)
{
	size_t clause = xclause_start(s->text, num_start, 0);
	return prev_end < clause ? prev_end : clause;
}

/* Whether the word ending right before the number (past "more than") is w. */
static bool word_before(const char *t, const struct number *num, const char *w)
{
	bool approx;
	size_t b = xapprox_start(t, num->start, &approx), n = strlen(w);
	while (b > 0 && t[b - 1] == ' ')
		b--;
	return b >= n && strncasecmp(t + b - n, w, n) == 0 && (b == n || !isalpha((unsigned char)t[b - n - 1]));
}

/* What an activity word makes the people it is "for": 0 labour (a
 * transfer), 1 trained, 2 visits, 3 labour (the word), 4 cadres, 5 nothing. */
static size_t activity_rank(const char *t, size_t i, size_t e)
{
	const char *w = t + i;
	size_t n = e - i;
	static const char *const exchanges[] = {
		"exchange", "exchanges", "cadre", "cadres", "technician", "technicians", "personnel",
		"volunteer", "volunteers", "expert", "experts", "doctor", "doctors", "teacher", "teachers",
	};
	enum cue c = cue_in(t, i, e);
	if (c == CUE_LABOUR)
		return 0;
	if (c == CUE_TRAIN && !word_in(w, n, host_cues, ARRAY_LEN(host_cues)))
		return 1;
	if (c == CUE_VISIT)
		return 2;
	if (n && (word_is(w, n, "labor") || word_is(w, n, "labour")))
		return 3;
	if (n && (word_in(w, n, exchanges, ARRAY_LEN(exchanges)) || c == CUE_SENT))
		return 4;
	return 5;
}

/* "outpatient services for 900 person-times", "cadre exchanges for 80
 * people", "labour cooperation for 300 person-times": people counted after
 * "for" are what the activity named before it did to them, read back from
 * "for" to the previous punctuation or number. The heads of the activity
 * (the words before "and" and "for") decide first: "labour transfer
 * trainings" train, "trainings and transfer" transfer, "exchange visits"
 * visit; the other words when no head says ("labour cooperation"), or
 * when the head only names who ("training technicians for"). */
static enum indicator_kind activity_for(const char *t, const struct number *num)
{
	static const char *const services[] = {
		"treatment", "surgery", "surgeries", "consultation", "consultations", "outpatient", "diagnosis",
		"examination", "examinations", "operation", "operations",
	};
	static const enum indicator_kind rank[] = {
		IND_LABOUR, IND_TRAINED, IND_VISITS, IND_LABOUR, IND_CADRES, IND_NKINDS,
	};
	if (!word_before(t, num, "for"))
		return IND_NKINDS;
	bool approx;
	size_t end = xapprox_start(t, num->start, &approx), b = end;
	while (b > 0 && !strchr(",;:.()", t[b - 1]) && !isdigit((unsigned char)t[b - 1]))
		b--;
	size_t head = 5, any = 5;
	for (size_t i = b; i < end;) {
		size_t e = i;
		while (e < end && is_letter((unsigned char)t[e]))
			e++;
		const char *w = t + i;
		size_t n = e - i;
		if (word_in(w, n, services, ARRAY_LEN(services)) || noun_form(w, n, "service") || noun_form(w, n, "round"))
			return IND_OTHER; /* medical services given: counted as other */
		size_t r = activity_rank(t, i, e), next = skip_blanks(t, e, end);
		bool is_head = n && (xword_at(t, next, "and") || xword_at(t, next, "or") || xword_at(t, next, "for"));
		if (r < any)
			any = r;
		if (is_head && r < head)
			head = r;
		i = e > i ? e : i + 1;
	}
	return rank[head < 4 ? head : any];
}

/* Whether the lower-case word stem starts a word in t[from, to), as
 * written: "County Education Bureau" is a name, no education given. */
static bool lower_stem_in(const char *t, size_t from, size_t to, const char *stem, bool whole)
{
	size_t n = strlen(stem);
	for (size_t i = from; i + n <= to; i++)
		if (t[i] == stem[0] && (i == 0 || !is_letter((unsigned char)t[i - 1])) && strncmp(t + i, stem, n) == 0 &&
		    (!whole || !isalpha((unsigned char)t[i + n]) ||
		     (t[i + n] == 'e' && t[i + n + 1] == 's' && !isalpha((unsigned char)t[i + n + 2]))))
			return true;
	return false;
}

/* Whether t[from, to) names learning: a training, study, practice, further
 * education, a refresher course or class, skills upgraded ("classrooms"
 * built name none). */
static bool learning_in(const char *t, size_t from, size_t to)
{
	static const char *const stems[] = { "educat", "course", "refresher", "upgrad", "skill" };
	if (xfind_ci(t, from, to, "train") || xfind_ci(t, from, to, "study") || xfind_ci(t, from, to, "studie") ||
	    xfind_ci(t, from, to, "practi") || xfind_ci(t, from, to, "learn"))
		return true;
	for (size_t k = 0; k < ARRAY_LEN(stems); k++)
		if (lower_stem_in(t, from, to, stems[k], false))
			return true;
	return lower_stem_in(t, from, to, "class", true);
}

static enum indicator_kind person_kind(const struct xsentence *s, size_t from, const struct number *num,
				       const struct counted *c, enum cue fallback_cue)
{
	const char *t = s->text;
	size_t cend = xclause_end(t, c->end, s->len);
	enum noun_class cls = nouns[c->noun].cls;
	enum indicator_kind act = activity_for(t, num);
	if (act != IND_NKINDS)
		return act;
	if (cls != NC_PERSON_TIME && trainers_after(t, c->end, cend))
		return IND_CADRES;
	if (cls != NC_PERSON_TIME && trainees_after(t, c->end, cend))
		return IND_TRAINED;
	if (nearest_cue(t, num->end, c->end, true) == CUE_SENT)
		return IND_CADRES; /* "received 30 sending cadres": the phrase says what they are */
	enum cue cue = nearest_cue(t, from, num->start, true);
	if (cue == CUE_NONE)
		cue = nearest_cue(t, num->end, c->end, true);
	if (cue == CUE_NONE)
		cue = fallback_cue != CUE_NONE ? fallback_cue : nearest_cue(t, c->end, cend, false);
	switch (cue) {
	case CUE_TRAIN:
		/* "accepted 16 nurses from X" with no training named: an exchange */
		return cls == NC_SENT && !learning_in(t, from, s->len) ? IND_CADRES : IND_TRAINED;
	case CUE_SENT: return IND_CADRES;
	case CUE_LABOUR: return IND_LABOUR;
	case CUE_VISIT: return cls == NC_PERSON_TIME || cls == NC_PERSON ? IND_VISITS : nouns[c->noun].kind;
	default: break;
	}
	return cls == NC_PERSON_TIME ? IND_PEOPLE : nouns[c->noun].kind;
}

static enum indicator_kind held_kind(const struct xsentence *s, size_t from, const struct counted *cnt);

static bool is_road(const char *w, size_t n)
{
	return noun_form(w, n, "road") || noun_form(w, n, "highway") || noun_form(w, n, "highroad") || noun_form(w, n, "street") ||
	       noun_form(w, n, "path");
}

/* A length is a road's when a road is what it measures: "roads of 4.2 km",
 * "33 km of village roads"; a pipeline's, line's or embankment's length is
 * other. A bare length with nothing named is a road's. */
static enum indicator_kind length_kind(const struct xsentence *s, const struct number *num, const struct counted *c)
{
	const char *t = s->text;
	size_t b = num->start;
	while (b > 0 && (t[b - 1] == ' ' || isalpha((unsigned char)t[b - 1])))
		b--; /* back over "main pipeline of more than" to the punctuation */
	size_t named = 0;
	for (size_t i = b; i < num->start;) {
		size_t e = i;
		while (e < num->start && is_letter((unsigned char)t[e]))
			e++;
		if (e > i && xword_at(t, skip_blanks(t, e, s->len), "of"))
			named = is_road(t + i, e - i) ? 1 : 2; /* the noun before "of" */
		i = e > i ? e : i + 1;
	}
	size_t j = skip_blanks(t, c->next, s->len);
	if (!named && xword_at(t, j, "of")) {
		named = 2; /* "of" names what is measured: a road among its next words? */
		for (size_t i = skip_blanks(t, j + 2, s->len), k = 0; k < 4 && isalpha((unsigned char)t[i]); k++) {
			size_t e = i;
			while (e < s->len && is_letter((unsigned char)t[e]))
				e++;
			if (is_road(t + i, e - i))
				named = 1;
			i = skip_blanks(t, e, s->len);
		}
	}
	return named == 2 ? IND_OTHER : IND_ROADS;
}

/* "for each", "per household": a rate, not a count. */
static bool per_unit(const char *t, size_t i, size_t len)
{
	i = skip_blanks(t, i, len);
	if (xword_at(t, i, "per") || xword_at(t, i, "each"))
		return true;
	return xword_at(t, i, "for") && xword_at(t, skip_blanks(t, i + 3, len), "each");
}

/* "batches of 120 doctors", "groups of more than 40 experts": the
 * container's "of" is followed by a count. */
static bool holds_count(const struct xsentence *s, const struct counted *cnt)
{
	static const char *const approx[] = { "more", "than", "over", "nearly", "about", "around", "almost" };
	const char *t = s->text;
	size_t i = skip_blanks(t, cnt->next, s->len);
	if (!xword_at(t, i, "of"))
		return false;
	i += 2;
	for (int words = 0; words < 3; words++) {
		struct number inner;
		i = skip_blanks(t, i, s->len);
		if (number_at(t, i, s->len, &inner))
			return true;
		size_t n = strspn(t + i, "abcdefghijklmnopqrstuvwxyz");
		if (!word_in(t + i, n, approx, ARRAY_LEN(approx)))
			return false;
		i += n;
	}
	return false;
}

/* "40 seminars and business trainings", "seminars and training courses":
 * a course noun after "and" (at i) makes the seminars trainings; "held
 * 12 seminars and trained 900 farmers" does not (the verb trains the
 * farmers). */
static bool training_noun_after_and(const char *t, size_t i, size_t len)
{
	i = skip_blanks(t, i, len);
	if (!xword_at(t, i, "and"))
		return false;
	i += 3;
	for (int words = 0; words < 4; words++) {
		i = skip_blanks(t, i, len);
		size_t e = i;
		while (e < len && is_letter((unsigned char)t[e]))
			e++;
		if (e == i || word_in(t + i, e - i, stop_words, ARRAY_LEN(stop_words)))
			return false;
		if (noun_form(t + i, e - i, "training"))
			return true;
		i = e;
	}
	return false;
}

/* The kind of what num counts, or IND_NKINDS when it is no indicator. */
static enum indicator_kind kind_of(const struct xsentence *s, size_t from, const struct number *num,
				   const struct counted *c)
{
	const char *t = s->text;
	enum noun_class cls = nouns[c->noun].cls;
	switch (cls) {
	case NC_SENT:
	case NC_PERSON:
	case NC_LABOUR:
	case NC_PERSON_TIME: {
		if (cls == NC_LABOUR) /* workers are labour, trained or not, unless the training is counted */
			return word_before(t, num, "training of") || word_before(t, num, "training for") ? IND_TRAINED :
														      IND_LABOUR;
		enum indicator_kind k = person_kind(s, from, num, c, CUE_NONE);
		return cls == NC_SENT && k != IND_TRAINED && k != IND_LABOUR ? IND_CADRES : k;
	}
	case NC_COURSE:
		return xfind_ci(t, num->end, c->end, "train") || nearest_cue(t, num->end, c->end, true) == CUE_TRAIN ||
		       training_noun_after_and(t, c->end, s->len) ?
			IND_TRAINED : IND_NKINDS;
	case NC_PROJECT:
		return IND_PROJECTS; /* aid projects, and cooperation projects signed: counted alike */
	case NC_CONTAINER: {
		/* a batch counts what it holds; a team, people sent; "six batches
		 * of 120 doctors" counts the doctors, and six is no count of them */
		if (holds_count(s, c))
			return IND_NKINDS;
		enum indicator_kind held = held_kind(s, from, c);
		return held != IND_NKINDS || nouns[c->noun].kind == IND_OTHER ? held : nouns[c->noun].kind;
	}
	case NC_DISTANCE:
		/* "an area of", within the count's own clause: "in hill areas,
		 * raised dykes of 420 meters" measures the dykes */
		if (xfind_ci(t, xclause_start(t, num->start, 0), num->start, "area") ||
		    xfind_ci(t, num->end, c->end, "square") ||
		    (num->start > 0 && t[num->start - 1] == '('))
			return IND_NKINDS; /* the size of a place, not a road built */
		return length_kind(s, num, c);
	case NC_AREA:
		if (xfind_ci(t, from, num->start, "covers an area") || xfind_ci(t, from, num->start, "total area"))
			return IND_NKINDS;
		if (per_unit(t, c->next, s->len))
			return IND_NKINDS; /* "80 square meters for each" */
		return nouns[c->noun].kind;
	default:
		return nouns[c->noun].kind;
	}
}

/* --- facts ------------------------------------------------------------------------- */

/* "70 in 2013 and 55 in 2014": the year written right after a count is
 * its own, whatever span the sentence states; 0 when none is. */
static int year_right_after(const struct xsentence *s, const struct number *num)
{
	size_t j = skip_blanks(s->text, num->end, s->len);
	if (!xword_at(s->text, j, "in"))
		return 0;
	j = skip_blanks(s->text, j + 2, s->len);
	for (size_t y = 0; y < s->nyears; y++)
		if (s->years[y].start == j && !s->years[y].comparison)
			return s->years[y].year;
	return 0;
}

static void add_indicator(struct xctx *c, const struct xsentence *s, const struct number *num,
			  const struct counted *cnt, enum indicator_kind kind)
{
	bool approx;
	size_t qstart = xapprox_start(s->text, num->start, &approx);
	size_t donor, recipient;
	xparties_for(c, s, qstart, cnt->end, &donor, &recipient);
	if (donor == GAZ_NONE)
		return;
	struct fact_indicator *f = ARRAY_PUSH(c->out->indicators, c->out->nindicators, c->out->cap_indicators);
	memset(f, 0, sizeof(*f));
	f->donor = xpool_strdup(c->out, xname(c, donor));
	f->recipient = xpool_strdup(c->out, recipient == GAZ_NONE ? "" : xname(c, recipient));
	f->year = year_right_after(s, num);
	if (f->year)
		f->from_year = f->year;
	else
		f->year = xyear_for(c, s, num->start, &f->from_year);
	f->value = num->exact;
	f->kind = kind;
	f->unit = xpool_strndup(c->out, s->text + cnt->unit_start, cnt->unit_end - cnt->unit_start);
	f->approx = approx;
	f->line_no = c->line_no;
	f->quote = xpool_strndup(c->out, s->text + qstart, cnt->end - qstart);
}

/* A container ("five batches of 215 cadres", "two medical teams of 100
 * people") counts what it holds: the kind of the phrase after "of". */
static enum indicator_kind held_kind(const struct xsentence *s, size_t from, const struct counted *cnt)
{
	const char *t = s->text;
	size_t i = skip_blanks(t, cnt->next, s->len);
	if (!xword_at(t, i, "of"))
		return IND_NKINDS;
	i = skip_blanks(t, i + 2, s->len);
	struct number inner;
	if (number_at(t, i, s->len, &inner))
		i = inner.end;
	else
		inner = (struct number){ .start = i, .end = i };
	struct counted held = read_phrase(t, i, s->len);
	if (held.noun == NO_NOUN)
		return IND_NKINDS;
	return kind_of(s, from, &inner, &held);
}

/* Plurals outside the vocabulary that count no thing given or built: places
 * and administrative coverage, time, meetings, abstractions. */
static bool no_thing(const char *w, size_t n)
{
	static const char *const singulars[] = {
		"province", "city", "prefecture", "county", "banner", "district", "town", "township",
		"division", "region", "municipality", "place", "area", "side", "party", "level", "aspect",
		"field", "category", "type", "kind", "item", "measure", "year", "month", "day", "hour",
		"week", "minute", "meeting", "conference", "forum", "symposium", "stage", "phase", "round",
		"step", "point", "task", "goal", "system", "mechanism", "policy", "document", "plan",
		"program", "programme", "guarantee", "result", "nationality", "minority", "unit",
		"department", "bureau", "industry", "sector", "event", "fair", "exhibition", "festival",
		"tour", "rate", "article", "provision", "opinion", "principle", "idea", "way", "method",
		"mode", "model", "pattern", "link", "priority", "thousand", "hundred", "million", "billion",
		"ethnic", "group", "sort", "term", "session", "activity", "time", "case", "issue", "problem",
		"aim", "target", "action", "campaign", "skill", "resource", "zone", "feature", "form",
		"species", "brand", "combination", "regulation", "ministry", "commission", "institute",
		"institution", "organization", "agency", "counterpart", "grassroots", "prize", "award",
		"honor", "title", "kilowatt", "watt", "product", "step", "measure", "advantage",
	};
	for (size_t k = 0; k < ARRAY_LEN(singulars); k++)
		if (noun_form(w, n, singulars[k]))
			return true;
	return false;
}

/* Measures ("350 tons of fertilizer", "140,000 pieces of clothing") count
 * a thing only with the thing named; "450 tons" alone is an output. */
static bool bare_measure(const char *t, const struct counted *cnt, size_t len)
{
	static const char *const measures[] = {
		"ton", "tonne", "kilogram", "kg", "jin", "bag", "box", "boxes", "piece", "set", "copy", "bottle",
		"carton", "packet", "batch",
	};
	const char *w = t + cnt->unit_start;
	size_t n = cnt->unit_end - cnt->unit_start;
	for (size_t k = 0; k < ARRAY_LEN(measures); k++)
		if (noun_form(w, n, measures[k]))
			return !xword_at(t, skip_blanks(t, cnt->next, len), "of");
	return false;
}

/* "produced 900 tons", "an output of": what a farm yields is no aid given. */
static bool is_output(const char *t, size_t from, size_t to)
{
	return xfind_ci(t, from, to, "produc") || xfind_ci(t, from, to, "output") || xfind_ci(t, from, to, "yield") ||
	       xfind_ci(t, from, to, "harvest");
}

/* Where what a number counts starts: past the hyphen of "800-mu" and the
 * "of" of "a dozen of". */
static size_t phrase_start(const char *t, const struct number *num, size_t len)
{
	if (t[num->end] == '-')
		return num->end + 1;
	size_t j = skip_blanks(t, num->end, len);
	if (num->end >= 5 && strncasecmp(t + num->end - 5, "dozen", 5) == 0 && xword_at(t, j, "of"))
		return j + 2;
	return num->end;
}

/* "..., including 380 cadres", "involving 95 leaders": people counted as a
 * part of the count before them are of its kind. */
static bool is_part(const char *t, const struct number *num, const struct counted *cnt)
{
	static const char *const parts[] = { "including", "involving", "covering", "among them", "of whom" };
	enum noun_class cls = nouns[cnt->noun].cls;
	if (cls != NC_SENT && cls != NC_PERSON && cls != NC_PERSON_TIME)
		return false;
	for (size_t k = 0; k < ARRAY_LEN(parts); k++)
		if (word_before(t, num, parts[k]))
			return true;
	return false;
}

/* What the counts read so far in a sentence leave for the next one. */
struct sentence_state {
	size_t prev_end;              /* the previous number's end */
	enum indicator_kind part_of;  /* the kind of the sentence's last count of people */
	size_t exist_end;             /* the end of the last phrase "has" governs, 0 for none */
	struct counted last;          /* the last count's phrase (last.noun NO_NOUN for none) */
	enum indicator_kind last_kind;
	bool quoted;                  /* a quotation is open where the reading is */
};

/* Whether the subject of the verb that starts at v is a place of the
 * donor's side: the nearest place named before it in its clause ("Jiangsu
 * has 300 teachers working in Qinghai" counts what Jiangsu gave). */
static bool donor_subject(const struct xctx *c, const struct xsentence *s, size_t v)
{
	size_t clause = xclause_start(s->text, v, 0), nearest = GAZ_NONE, end = 0;
	for (size_t p = 0; p < s->nplaces; p++)
		if (s->places[p].start >= clause && s->places[p].end <= v && s->places[p].end >= end) {
			nearest = s->places[p].region;
			end = s->places[p].end;
		}
	return nearest != GAZ_NONE && !xis_recipient_side(c, nearest) && xis_donor_side(c, nearest);
}

/* Where the words w end right before t+e (past blanks), their start; or
 * SIZE_MAX. */
static size_t words_before(const char *t, size_t e, const char *w)
{
	size_t n = strlen(w);
	while (e > 0 && t[e - 1] == ' ')
		e--;
	if (e < n || strncasecmp(t + e - n, w, n) != 0 || (e > n && isalpha((unsigned char)t[e - n - 1])))
		return SIZE_MAX;
	return e - n;
}

/* "the town has four villages and 900 people", "there are (now) (a total
 * of) 20 teams": what a place of the recipient's side has, or what there
 * is, sizes it; nobody gave it. The words of a list ("four villages, 23
 * groups and 900 people") share the verb. */
static bool existing(const struct xctx *c, const struct xsentence *s, const struct number *num,
		     const struct sentence_state *st)
{
	static const char *const verbs[] = { "has", "have", "there are", "there is" };
	static const char *const adverbs[] = { "now", "currently", "still", "altogether" };
	/* "designed to have 45 classrooms", "will have": what is built; "there
	 * were" tells what was done */
	static const char *const not_a_state[] = { "to", "will", "shall", "would" };
	const char *t = s->text;
	bool approx;
	size_t b = xapprox_start(t, num->start, &approx), v = b, at;
	if ((at = words_before(t, v, "a total of")) != SIZE_MAX)
		v = at;
	for (size_t k = 0; k < ARRAY_LEN(adverbs); k++)
		if ((at = words_before(t, v, adverbs[k])) != SIZE_MAX)
			v = at;
	for (size_t k = 0; k < ARRAY_LEN(verbs); k++) {
		size_t vs = words_before(t, v, verbs[k]);
		if (vs == SIZE_MAX)
			continue;
		if (k >= 2)
			return true;
		for (size_t n = 0; n < ARRAY_LEN(not_a_state); n++)
			if (words_before(t, vs, not_a_state[n]) != SIZE_MAX)
				return false;
		return !donor_subject(c, s, vs);
	}
	if (!st->exist_end)
		return false;
	for (size_t i = st->exist_end; i < b;) {
		if (t[i] == ' ' || t[i] == ',')
			i++;
		else if (xword_at(t, i, "and"))
			i += 3;
		else
			return false;
	}
	return true;
}

/* "chose seven of the 31 villages": seven counts the villages, and 31 is
 * the whole they were chosen from, no count of anything done. Sets *whole
 * to the second number. */
static bool partitive(const char *t, const struct number *num, size_t len, struct number *whole)
{
	size_t j = skip_blanks(t, num->end, len);
	if (!xword_at(t, j, "of"))
		return false;
	j = skip_blanks(t, j + 2, len);
	if (!xword_at(t, j, "the"))
		return false;
	j = skip_blanks(t, j + 3, len);
	return number_at(t, j, len, whole);
}

/* "surgeries for 500 times", "negotiation activities for 30 times": the
 * activity before "for" says what the times were; the word "times" is the
 * unit. IND_NKINDS when no activity says. */
static enum indicator_kind times_kind(const char *t, const struct number *num, size_t len, struct counted *cnt)
{
	static const char *const services[] = {
		"treatment", "treatments", "surgery", "surgeries", "consultation", "consultations", "operation",
		"operations", "diagnosis", "examination", "examinations", "service", "services",
	};
	/* "activities" alone say nothing: "publicity activities for 20 times" */
	static const char *const visits[] = {
		"visit", "visits", "exchange", "exchanges", "negotiation", "negotiations", "inspection", "inspections",
	};
	size_t j = skip_blanks(t, num->end, len);
	if (!xword_at(t, j, "times") || !word_before(t, num, "for"))
		return IND_NKINDS;
	*cnt = (struct counted){ .noun = NO_NOUN, .unit_start = j, .unit_end = j + 5, .end = j + 5, .next = j + 5 };
	bool approx;
	size_t end = xapprox_start(t, num->start, &approx), b = end;
	while (b > 0 && !strchr(",;:.()", t[b - 1]) && !isdigit((unsigned char)t[b - 1]))
		b--;
	enum indicator_kind kind = IND_NKINDS;
	for (size_t i = b; i < end;) {
		size_t e = i;
		while (e < end && is_letter((unsigned char)t[e]))
			e++;
		if (word_in(t + i, e - i, services, ARRAY_LEN(services)))
			return IND_OTHER; /* medical services given */
		if (word_in(t + i, e - i, visits, ARRAY_LEN(visits)))
			kind = IND_VISITS;
		i = e > i ? e : i + 1;
	}
	return kind;
}

/* "95 projects (70 by the city and 25 by its districts)": a number with
 * nothing counted after it, in brackets right after a count, is a part of
 * that count, of its kind and unit. */
static bool bracket_part(const char *t, const struct number *num, size_t len, const struct sentence_state *st,
			 struct counted *cnt)
{
	if (st->last.noun == NO_NOUN && !st->last.thing)
		return false;
	size_t open = skip_blanks(t, st->last.end, len);
	if (t[open] != '(' || open >= num->start || memchr(t + open, ')', num->start - open))
		return false;
	size_t j = skip_blanks(t, num->end, len);
	if (!xword_at(t, j, "in") && !xword_at(t, j, "by") && !xword_at(t, j, "from"))
		return false;
	size_t e = j;
	while (e < len && !strchr("),;", t[e]) && !xword_at(t, e, "and"))
		e++;
	while (e > j && t[e - 1] == ' ')
		e--;
	*cnt = st->last;
	cnt->end = cnt->next = e;
	return true;
}

/* "4,000 people affected by the flood", "4,000 people (of the county)
 * were badly affected": what a disaster hit, said right after the counted
 * phrase (at i), or as its verb before any "and" of the clause (to cend).
 * Not "doctors to the flood-affected areas": a place named by the disaster. */
static bool affected_after(const char *t, size_t i, size_t cend, size_t len)
{
	i = skip_blanks(t, i, len);
	if (xword_at(t, i, "affected") && xword_at(t, skip_blanks(t, i + 8, len), "by"))
		return true;
	for (; i < cend && !xword_at(t, i, "and"); i++) {
		if ((i > 0 && is_letter((unsigned char)t[i - 1])) || !(xword_at(t, i, "were") || xword_at(t, i, "was")))
			continue;
		size_t j = skip_blanks(t, i + (xword_at(t, i, "was") ? 3 : 4), len);
		size_t n = strspn(t + j, "abcdefghijklmnopqrstuvwxyz");
		if (n > 2 && strncmp(t + j + n - 2, "ly", 2) == 0)
			j = skip_blanks(t, j + n, len); /* "were seriously affected" */
		return xword_at(t, j, "affected");
	}
	return false;
}

/* What the words around a count make of its kind: the people whose
 * "school conditions of 900 pupils and their parents" were improved are
 * people benefited; households a training was "for" are trained; trainees
 * who "find jobs" are labour; people hit by a disaster count no aid. */
static enum indicator_kind recast(const struct xsentence *s, const struct number *num, const struct counted *cnt,
				  enum indicator_kind kind)
{
	const char *t = s->text;
	bool person = kind == IND_CADRES || kind == IND_PEOPLE || kind == IND_STUDENTS || kind == IND_TRAINED ||
		      kind == IND_VISITS;
	size_t cend = xclause_end(t, cnt->end, s->len);
	if (person && (kind == IND_PEOPLE || nouns[cnt->noun].cls != NC_PERSON_TIME) &&
	    affected_after(t, cnt->end, cend, s->len))
		return IND_NKINDS;
	if (person && (word_before(t, num, "conditions of") || word_before(t, num, "conditions for")))
		return IND_PEOPLE;
	if (kind == IND_HOUSEHOLDS && activity_for(t, num) == IND_TRAINED)
		return IND_TRAINED;
	if (kind == IND_TRAINED && nouns[cnt->noun].cls == NC_THING &&
	    nearest_cue(t, cnt->end, cend, false) == CUE_LABOUR)
		return IND_LABOUR;
	return kind;
}

/* One number of a sentence: what it counts, if anything. */
static void count_number(struct xctx *c, const struct xsentence *s, struct number *num, struct sentence_state *st)
{
	const char *t = s->text;
	size_t from = governing_start(s, num->start, st->prev_end);
	st->prev_end = num->end;
	if (num->value <= 0 || not_a_count(s, num, st->quoted))
		return;
	struct number whole;
	bool part_of_whole = partitive(t, num, s->len, &whole);
	struct counted cnt = read_phrase(t, part_of_whole ? whole.end : phrase_start(t, num, s->len), s->len);
	if (part_of_whole)
		st->prev_end = whole.end; /* the whole is read: no count of its own */
	if (existing(c, s, num, st)) {
		st->exist_end = cnt.end;
		return;
	}
	st->exist_end = 0;
	enum indicator_kind kind = IND_NKINDS;
	if (cnt.noun == NO_NOUN) {
		/* "donated 20 vehicles", "350 tons of fertilizer": other things counted */
		if (cnt.thing && !no_thing(t + cnt.unit_start, cnt.unit_end - cnt.unit_start) &&
		    !bare_measure(t, &cnt, s->len) && !is_output(t, xclause_start(t, num->start, 0), num->start))
			kind = IND_OTHER;
		else if (bracket_part(t, num, s->len, st, &cnt))
			kind = st->last_kind;
		else
			kind = times_kind(t, num, s->len, &cnt);
		if (kind != IND_NKINDS)
			add_indicator(c, s, num, &cnt, kind);
		return;
	}
	kind = recast(s, num, &cnt, kind_of(s, from, num, &cnt));
	if (kind != IND_NKINDS && is_part(t, num, &cnt) &&
	    (st->part_of == IND_TRAINED || st->part_of == IND_VISITS || st->part_of == IND_CADRES ||
	     st->part_of == IND_LABOUR))
		kind = st->part_of; /* people of a count of people: not of households or projects */
	if (kind != IND_NKINDS) {
		add_indicator(c, s, num, &cnt, kind);
		st->part_of = kind;
		st->last = cnt;
		st->last_kind = kind;
	}
}

void xindicators_sentence(struct xctx *c, const struct xsentence *s)
{
	const char *t = s->text;
	struct sentence_state st = { .part_of = IND_NKINDS, .last = { .noun = NO_NOUN }, .last_kind = IND_NKINDS };
	for (size_t i = 0; i < s->len; i++) {
		struct number num;
		size_t n;
		int q = quote_mark(t, i, s->len, &n);
		if (q) {
			st.quoted = q == 2 ? !st.quoted : q > 0;
			i += n - 1;
			continue;
		}
		if ((i > 0 && is_word_byte((unsigned char)t[i - 1])) || !number_at(t, i, s->len, &num))
			continue;
		count_number(c, s, &num, &st);
		i = (st.prev_end > num.end ? st.prev_end : num.end) - 1;
	}
}
