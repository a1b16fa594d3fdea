/* Unit tests of the indicators (issue 10): counts of what the programme did,
 * read from made-up sentences (numbers in digits and words, the counted noun
 * and the verbs around it, what is not a count), from a made-up report of
 * the series (tests/data/unseen/guangdong-guangxi-2016.txt), and the rule
 * that links a restated count into one fact (src/indicators.c). */

#include "config.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pairoff/extract.h"
#include "pairoff/gazetteer.h"
#include "pairoff/indicators.h"
#include "pairoff/report.h"
#include "pairoff/util.h"

static int failures;

#define CHECK(cond)                                                                   \
	do {                                                                          \
		if (!(cond)) {                                                        \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
			failures++;                                                   \
		}                                                                     \
	} while (0)

static struct gazetteer *gaz;

static void extract_text(const char *text, struct extraction *x)
{
	struct report *r = NULL;
	if (report_parse("made-up.txt", text, strlen(text), &r) != ST_OK)
		abort();
	memset(x, 0, sizeof(*x));
	CHECK(extract_report(r, gaz, x) == ST_OK);
	report_free(r);
}

/* The indicator of value, or NULL. */
static const struct fact_indicator *find(const struct extraction *x, int64_t value)
{
	for (size_t i = 0; i < x->nindicators; i++)
		if (x->indicators[i].value == value)
			return &x->indicators[i];
	return NULL;
}

/* Whether value was found as kind in year, by donor (NULL: any). */
static bool found(const struct extraction *x, int64_t value, enum indicator_kind kind, int year, const char *donor)
{
	const struct fact_indicator *f = find(x, value);
	bool ok = f && f->kind == kind && f->year == year && (!donor || strcmp(f->donor, donor) == 0);
	if (!ok)
		fprintf(stderr, "  %" PRId64 " %s %d %s: got %s %d %s\n", value, indicator_kind_name(kind), year,
			donor ? donor : "", f ? indicator_kind_name(f->kind) : "nothing", f ? f->year : 0,
			f ? f->donor : "");
	return ok;
}

static void test_vocabulary(void)
{
	for (size_t k = 0; k < IND_NKINDS; k++)
		CHECK(indicator_kind_parse(indicator_kind_name((enum indicator_kind)k)) == (enum indicator_kind)k);
	CHECK(indicator_kind_parse("money") == IND_NKINDS);
	CHECK(indicator_kind_parse(NULL) == IND_NKINDS);
}

/* Numbers in digits and words, with scales and approximations, and the
 * verbs that tell sent, trained and transferred people apart. */
static void test_counts(void)
{
	struct extraction x;
	extract_text("Fujian - Ningxia Pairing-off Poverty Alleviation\n\n"
		     "      In 2013, Fujian sent six batches of 120 doctors to Ningxia, trained 2,450 rural "
		     "technicians and helped transfer 1.3 million labourers. It also subsidized more than "
		     "4,000 poor students and built 17 primary schools and nine clinics.\n\n"
		     "      In 2014, Fujian held 33 training courses for 1,850 person-times, received 45 "
		     "officials of Ningxia for study, and rebuilt 12 villages for 900 households.\n",
		     &x);
	CHECK(found(&x, 120, IND_CADRES, 2013, "Fujian"));
	CHECK(find(&x, 6) == NULL);                                /* six batches of 120 doctors: the doctors */
	CHECK(found(&x, 2450, IND_TRAINED, 2013, "Fujian"));
	CHECK(found(&x, 1300000, IND_LABOUR, 2013, "Fujian"));
	CHECK(found(&x, 4000, IND_STUDENTS, 2013, "Fujian"));
	CHECK(find(&x, 4000) && find(&x, 4000)->approx);
	CHECK(find(&x, 120) && !find(&x, 120)->approx);
	CHECK(found(&x, 17, IND_SCHOOLS, 2013, "Fujian"));
	CHECK(found(&x, 9, IND_HEALTH, 2013, "Fujian"));
	CHECK(found(&x, 33, IND_TRAINED, 2014, "Fujian"));
	CHECK(found(&x, 1850, IND_TRAINED, 2014, "Fujian"));
	CHECK(found(&x, 45, IND_TRAINED, 2014, "Fujian"));       /* received to learn */
	CHECK(found(&x, 12, IND_VILLAGES, 2014, "Fujian"));
	CHECK(found(&x, 900, IND_HOUSEHOLDS, 2014, "Fujian"));
	const struct fact_indicator *f = find(&x, 1850);
	CHECK(f && strcmp(f->unit, "person-times") == 0 && strcmp(f->recipient, "Ningxia") == 0);
	CHECK(f && strstr(f->quote, "1,850 person-times") != NULL);
	CHECK(x.nfunds == 0);
	extraction_free(&x);
}

/* What is not a count: money, years, dates, percentages, ordinals, a
 * document's number, the pairing's own size, nouns outside the vocabulary. */
static void test_not_counts(void)
{
	struct extraction x;
	extract_text("Shandong - Chongqing Pairing-off Poverty Alleviation\n\n"
		     "      In 2011, the 14 cities of Shandong were paired with 14 counties of Chongqing. "
		     "On June 12, Shandong allocated 30 million yuan, up 15% from 2010, under Document "
		     "No. 7 and the 3rd work plan. The two sides held 5 meetings.\n",
		     &x);
	for (size_t i = 0; i < x.nindicators; i++)
		fprintf(stderr, "  not a count, found: %g %s \"%s\"\n", x.indicators[i].value,
			indicator_kind_name(x.indicators[i].kind), x.indicators[i].quote);
	CHECK(x.nindicators == 0);
	extraction_free(&x);
}

/* Projects and agreements signed are counted as projects, whatever they
 * are worth; lengths are a road's only when a road is what they measure;
 * square metres measure buildings; greenhouses and sheds are land. */
static void test_things(void)
{
	struct extraction x;
	extract_text("Jiangsu - Shaanxi Pairing-off Poverty Alleviation\n\n"
		     "      In 2013, Jiangsu signed 19 investment projects worth 2 billion yuan and seven "
		     "trade cooperation agreements. It built village roads of 4,500 meters, a water pipeline "
		     "of 7,200 meters, 38 km of rural roads and a clinic of 1,450 square meters, with 90 "
		     "square meters for each family, and 260 sunlight greenhouses. The county hospital "
		     "received 9,100 outpatient visits. The river (31 km) was dredged.\n",
		     &x);
	CHECK(found(&x, 19, IND_PROJECTS, 2013, "Jiangsu"));
	CHECK(found(&x, 7, IND_PROJECTS, 2013, "Jiangsu"));
	CHECK(found(&x, 4500, IND_ROADS, 2013, "Jiangsu"));
	CHECK(found(&x, 7200, IND_OTHER, 2013, "Jiangsu"));
	CHECK(found(&x, 38, IND_ROADS, 2013, "Jiangsu"));
	CHECK(found(&x, 1450, IND_OTHER, 2013, "Jiangsu"));
	CHECK(found(&x, 260, IND_LAND, 2013, "Jiangsu"));
	CHECK(found(&x, 9100, IND_OTHER, 2013, "Jiangsu"));
	CHECK(find(&x, 90) == NULL);                               /* a rate */
	CHECK(find(&x, 31) == NULL);                               /* a size in brackets */
	extraction_free(&x);
}

/* People counted "for" an activity are what it did to them; a part of a
 * count of people is of its kind; the phrase says who was sent; labourers
 * stay labour; possessives modify; "a dozen of"; "1000-mu". */
static void test_people(void)
{
	struct extraction x;
	extract_text("Shandong - Chongqing Pairing-off Poverty Alleviation\n\n"
		     "      In 2014, Shandong held 13 training courses for 640 person-times, including 85 "
		     "cadres, and gave outpatient services for 3,200 person-times and surgery services for "
		     "150 people. It organized cadre exchanges for 96 person-times, labour trainings and "
		     "transfer for more than 2,400 people, labour transfer trainings for 810 person-times, "
		     "training technicians for 370 person-times and labour cooperation for 730 "
		     "person-times.\n\n"
		     "      In 2014, Shandong hospitals received 44 sending cadres from Chongqing, trained "
		     "1,900 labourers for its enterprises, supported 14 Shandong’s enterprises, organized a "
		     "dozen of exchange visits and 35 entrepreneurs, and built a 600-mu orchard and a "
		     "20-meter-wide road.\n",
		     &x);
	CHECK(found(&x, 640, IND_TRAINED, 2014, "Shandong"));
	CHECK(found(&x, 85, IND_TRAINED, 2014, "Shandong"));      /* a part of the trainees */
	CHECK(found(&x, 3200, IND_OTHER, 2014, "Shandong"));      /* medical services given */
	CHECK(found(&x, 150, IND_OTHER, 2014, "Shandong"));
	CHECK(found(&x, 96, IND_CADRES, 2014, "Shandong"));
	CHECK(found(&x, 2400, IND_LABOUR, 2014, "Shandong"));     /* "trainings and transfer" */
	CHECK(found(&x, 810, IND_TRAINED, 2014, "Shandong"));     /* "transfer trainings" */
	CHECK(found(&x, 370, IND_TRAINED, 2014, "Shandong"));
	CHECK(found(&x, 730, IND_LABOUR, 2014, "Shandong"));
	CHECK(found(&x, 44, IND_CADRES, 2014, "Shandong"));       /* received, but sending cadres */
	CHECK(found(&x, 1900, IND_LABOUR, 2014, "Shandong"));
	CHECK(found(&x, 14, IND_ENTERPRISES, 2014, "Shandong"));
	CHECK(found(&x, 12, IND_VISITS, 2014, "Shandong"));
	CHECK(found(&x, 35, IND_VISITS, 2014, "Shandong"));
	CHECK(found(&x, 600, IND_LAND, 2014, "Shandong"));
	CHECK(find(&x, 20) == NULL);
	extraction_free(&x);
}

/* A plural outside the vocabulary that heads the phrase counts other
 * things given or built, unless it names places, time, meetings or
 * abstractions; a measure counts only with its thing named; people named
 * by their trade are counted as people of that trade. */
static void test_other_things(void)
{
	struct extraction x;
	extract_text("Fujian - Ningxia Pairing-off Poverty Alleviation\n\n"
		     "      In 2013, Fujian donated 14 ambulances and 37 tractors, built 220 cattle pens, "
		     "sent 700 tons of seeds and 3,400 pieces of bedding, subsidized 95 schoolgirls, helped "
		     "set up 16 branches and hired 48 welders. Its farms produced 900 tons of fruit, in six "
		     "counties and four key aspects, and the two sides held 11 forums.\n",
		     &x);
	CHECK(found(&x, 37, IND_OTHER, 2013, "Fujian"));
	CHECK(find(&x, 37) && strcmp(find(&x, 37)->unit, "tractors") == 0);
	CHECK(found(&x, 220, IND_OTHER, 2013, "Fujian"));
	CHECK(found(&x, 700, IND_OTHER, 2013, "Fujian"));
	CHECK(found(&x, 3400, IND_OTHER, 2013, "Fujian"));
	CHECK(found(&x, 95, IND_STUDENTS, 2013, "Fujian"));
	CHECK(found(&x, 16, IND_ENTERPRISES, 2013, "Fujian"));
	CHECK(found(&x, 48, IND_LABOUR, 2013, "Fujian"));
	static const int64_t not_counts[] = { 6, 4, 11, 900 };
	for (size_t i = 0; i < sizeof(not_counts) / sizeof(not_counts[0]); i++)
		CHECK(find(&x, not_counts[i]) == NULL);
	extraction_free(&x);
}

/* What counts nothing though a noun follows: a slogan in quotation marks,
 * a capacity, a batch of a counted group, what a place has, the whole
 * some were chosen from, people a disaster affected. */
static void test_not_counts_in_context(void)
{
	struct extraction x;
	extract_text("Fujian - Ningxia Pairing-off Poverty Alleviation\n\n"
		     "      In 2013, under the slogan \"one school for one village\", Fujian built 12 schools "
		     "that can accommodate 900 pupils and a farm with a capacity of 700 pigs, and sent three "
		     "batches of 45 doctors. Xiji County has six villages, 41 groups and 3,200 people. "
		     "Fujian selected five of the 30 villages for relocation. In July, 8,800 people were "
		     "affected by the flood.\n",
		     &x);
	CHECK(found(&x, 12, IND_SCHOOLS, 2013, "Fujian"));
	CHECK(found(&x, 45, IND_CADRES, 2013, "Fujian"));
	CHECK(found(&x, 5, IND_VILLAGES, 2013, "Fujian"));
	static const int64_t not_counts[] = { 1, 900, 700, 3, 6, 41, 3200, 30, 8800 };
	for (size_t i = 0; i < sizeof(not_counts) / sizeof(not_counts[0]); i++) {
		const struct fact_indicator *f = find(&x, not_counts[i]);
		CHECK(f == NULL);
		if (f)
			fprintf(stderr, "  %" PRId64 " is no count: \"%s\"\n", not_counts[i], f->quote);
	}
	extraction_free(&x);
}

/* The words after people say what they were: sent to study or practise
 * (trained), sent to hold a training (cadres), a train that carries
 * visitors, people who attended an event, people whose conditions were
 * improved, households a training was for, trainees who found jobs,
 * professionals received with no training named. */
static void test_people_in_context(void)
{
	struct extraction x;
	extract_text("Fujian - Ningxia Pairing-off Poverty Alleviation\n\n"
		     "      In 2013, Fujian arranged 25 young doctors of Ningxia to study in its hospitals, organized 14 "
		     "teachers to hold a training for 300 teachers of Xiji County, and 320 people took a "
		     "special train to visit Ningxia. 520 people from 60 enterprises attended the fair. "
		     "Fujian improved the living conditions of 4,000 teachers and students, held six "
		     "trainings for 240 farming households, helped 75 trainees find jobs in Xiamen. "
		     "Fujian accepted 18 teachers from Xiji County.\n",
		     &x);
	CHECK(found(&x, 25, IND_TRAINED, 2013, "Fujian"));
	CHECK(found(&x, 14, IND_CADRES, 2013, "Fujian"));
	CHECK(found(&x, 300, IND_TRAINED, 2013, "Fujian"));
	CHECK(found(&x, 320, IND_VISITS, 2013, "Fujian"));
	CHECK(found(&x, 520, IND_VISITS, 2013, "Fujian"));
	CHECK(found(&x, 4000, IND_PEOPLE, 2013, "Fujian"));
	CHECK(found(&x, 240, IND_TRAINED, 2013, "Fujian"));
	CHECK(found(&x, 75, IND_LABOUR, 2013, "Fujian"));
	CHECK(found(&x, 18, IND_CADRES, 2013, "Fujian"));
	extraction_free(&x);
}

/* Attending is a visit only when the people attended an event, not a
 * training; research is a visit only as field research. */
static void test_attended(void)
{
	struct extraction x;
	extract_text("Fujian - Ningxia Pairing-off Poverty Alleviation\n\n"
		     "      In 2013, 1,800 person-times of cadres from Xiji County attended training courses in "
		     "Fujian. 640 people of Fujian attended the trade fair in Yinchuan. 270 person-times of "
		     "Fujian did field research in Xiji County. 90 person-times did research on seeds.\n",
		     &x);
	CHECK(found(&x, 1800, IND_TRAINED, 2013, "Fujian"));
	CHECK(found(&x, 640, IND_VISITS, 2013, "Fujian"));
	CHECK(found(&x, 270, IND_VISITS, 2013, "Fujian"));
	CHECK(!find(&x, 90) || find(&x, 90)->kind != IND_VISITS);
	extraction_free(&x);
}

/* A capacity is a size only right before its number: a count after "and"
 * in the same clause is still a count. */
static void test_capacity(void)
{
	struct extraction x;
	extract_text("Fujian - Ningxia Pairing-off Poverty Alleviation\n\n"
		     "      In 2013, Fujian built a school that can accommodate 1,350 students and trained 270 "
		     "teachers, improved the capacity of grassroots organizations and trained 860 village "
		     "cadres, and built a farm with a capacity of about 450 pigs.\n",
		     &x);
	CHECK(find(&x, 1350) == NULL);
	CHECK(found(&x, 270, IND_TRAINED, 2013, "Fujian"));
	CHECK(found(&x, 860, IND_TRAINED, 2013, "Fujian"));
	CHECK(find(&x, 450) == NULL);
	extraction_free(&x);
}

/* People a disaster hit count no aid, only when the phrase says so right
 * after them; a place named by the disaster counts them still. */
static void test_affected(void)
{
	struct extraction x;
	extract_text("Fujian - Ningxia Pairing-off Poverty Alleviation\n\n"
		     "      In 2013, Fujian sent 45 doctors to the flood-affected areas and trained 630 farmers "
		     "in the disaster-affected villages. In July, 7,300 people were badly affected by the "
		     "drought, 2,900 villagers affected by the hail and 3,700 people of the two towns – the "
		     "poorest area of the county were affected.\n",
		     &x);
	CHECK(found(&x, 45, IND_CADRES, 2013, "Fujian"));
	CHECK(found(&x, 630, IND_TRAINED, 2013, "Fujian"));
	CHECK(find(&x, 7300) == NULL);
	CHECK(find(&x, 2900) == NULL);
	CHECK(find(&x, 3700) == NULL);
	extraction_free(&x);
}

/* People sent to study or practise are trained only when they study
 * somewhere or for a time; experts sent to study an industry are cadres. */
static void test_study(void)
{
	struct extraction x;
	extract_text("Fujian - Ningxia Pairing-off Poverty Alleviation\n\n"
		     "      In 2013, Fujian sent 13 experts to Xiji County to study the growth of local tea "
		     "farms, arranged 35 nurses of Xiji County to practise for six months, and received 22 "
		     "doctors of Xiji County for further study.\n",
		     &x);
	CHECK(found(&x, 13, IND_CADRES, 2013, "Fujian"));
	CHECK(found(&x, 35, IND_TRAINED, 2013, "Fujian"));
	CHECK(found(&x, 22, IND_TRAINED, 2013, "Fujian"));
	extraction_free(&x);
}

/* Professionals received for further education or a refresher course are
 * trained; received with no learning named, they came on an exchange. */
static void test_received(void)
{
	struct extraction x;
	extract_text("Fujian - Ningxia Pairing-off Poverty Alleviation\n\n"
		     "      In 2013, Fujian received 65 teachers from Xiji County for further education and 35 "
		     "doctors for refresher courses. Fujian received 17 doctors from Xiji County Vocational "
		     "Education School and built nine classrooms.\n",
		     &x);
	CHECK(found(&x, 65, IND_TRAINED, 2013, "Fujian"));
	CHECK(found(&x, 35, IND_TRAINED, 2013, "Fujian"));
	CHECK(found(&x, 17, IND_CADRES, 2013, "Fujian"));
	extraction_free(&x);
}

/* People sent to hold or give a training for others are cadres; people
 * organized to conduct a training somewhere were trained. */
static void test_trainers(void)
{
	struct extraction x;
	extract_text("Fujian - Ningxia Pairing-off Poverty Alleviation\n\n"
		     "      In 2013, Fujian organized 85 village doctors of Xiji County to conduct a one-month "
		     "training in Xiamen. Fujian organized 11 nurses to give a skills training for more than "
		     "420 rural women in Xiji County.\n",
		     &x);
	CHECK(found(&x, 85, IND_TRAINED, 2013, "Fujian"));
	CHECK(found(&x, 11, IND_CADRES, 2013, "Fujian"));
	CHECK(found(&x, 420, IND_TRAINED, 2013, "Fujian"));
	extraction_free(&x);
}

/* Seminars are trainings when a training names them, not when a verb
 * "trained" follows an "and". */
static void test_seminars(void)
{
	struct extraction x;
	extract_text("Fujian - Ningxia Pairing-off Poverty Alleviation\n\n"
		     "      In 2013, Fujian held 17 seminars and trained 1,150 farmers, and held 23 seminars "
		     "and training courses.\n",
		     &x);
	CHECK(find(&x, 17) == NULL);
	CHECK(found(&x, 1150, IND_TRAINED, 2013, "Fujian"));
	CHECK(found(&x, 23, IND_TRAINED, 2013, "Fujian"));
	extraction_free(&x);
}

/* What a place of the recipient's side has, or what there is, sizes it;
 * what a donor "has" working there was given. */
static void test_has(void)
{
	struct extraction x;
	extract_text("Fujian - Ningxia Pairing-off Poverty Alleviation\n\n"
		     "      In 2013, Fujian has 430 cadres working in Ningxia. Xiji County has 85 doctors. "
		     "There are currently a total of 65 teachers in Xiji County.\n",
		     &x);
	CHECK(found(&x, 430, IND_CADRES, 2013, "Fujian"));
	CHECK(find(&x, 85) == NULL);
	CHECK(find(&x, 65) == NULL);
	extraction_free(&x);
}

/* Times of an activity are visits only when a visit, exchange,
 * inspection or negotiation is named, not any activity. */
static void test_times(void)
{
	struct extraction x;
	extract_text("Fujian - Ningxia Pairing-off Poverty Alleviation\n\n"
		     "      In 2013, Fujian held publicity activities for 27 times, research activities for 14 "
		     "times and inspection tours for 9 times.\n",
		     &x);
	CHECK(find(&x, 27) == NULL);
	CHECK(find(&x, 14) == NULL);
	CHECK(found(&x, 9, IND_VISITS, 2013, "Fujian"));
	extraction_free(&x);
}

/* Phrases: parts in brackets after a count, with their own year; times
 * of an activity; decimals kept; a plural modifying a plural; a noun that
 * modifies another; a bracket inside the phrase; seminars and trainings;
 * a four-digit land area that is no year. */
static void test_phrases(void)
{
	struct extraction x;
	extract_text("Fujian - Ningxia Pairing-off Poverty Alleviation\n\n"
		     "      From 2013 to 2014, Fujian implemented 80 aid projects (50 in 2013 and 30 in 2014). "
		     "In 2013, Fujian provided free surgeries for 260 times and held exchange activities "
		     "for 15 times, hardened village roads of 4.5 km, held five labor skills trainings, set "
		     "up one vocational training base, supported 14 new rural (whole village) projects, "
		     "held 33 seminars and business trainings, and built the 2020-mu tea base.\n",
		     &x);
	CHECK(found(&x, 80, IND_PROJECTS, 2014, "Fujian"));
	CHECK(found(&x, 50, IND_PROJECTS, 2013, "Fujian"));
	CHECK(found(&x, 30, IND_PROJECTS, 2014, "Fujian"));
	CHECK(find(&x, 50) && find(&x, 50)->from_year == 2013);
	CHECK(found(&x, 260, IND_OTHER, 2013, "Fujian"));
	CHECK(find(&x, 260) && strcmp(find(&x, 260)->unit, "times") == 0);
	CHECK(found(&x, 15, IND_VISITS, 2013, "Fujian"));
	const struct fact_indicator *km = NULL;
	for (size_t i = 0; i < x.nindicators; i++)
		if (x.indicators[i].value > 4.4 && x.indicators[i].value < 4.6)
			km = &x.indicators[i];
	CHECK(km && km->kind == IND_ROADS && km->value == 4.5);
	CHECK(found(&x, 5, IND_TRAINED, 2013, "Fujian"));
	CHECK(find(&x, 1) == NULL);                                /* a base, no training */
	CHECK(found(&x, 14, IND_PROJECTS, 2013, "Fujian"));
	CHECK(found(&x, 33, IND_TRAINED, 2013, "Fujian"));
	CHECK(found(&x, 2020, IND_LAND, 2013, "Fujian"));
	extraction_free(&x);
}

/* A bracket inside a phrase is looked past once: a sentence of 300,000
 * "word (x)" after a number reads a few words, not the chain (it crashed
 * the stack and was quadratic). */
static void test_long_bracket_chain(void)
{
	static const char head[] = "Fujian - Ningxia Pairing-off Poverty Alleviation\n\n"
				   "      In 2013, Fujian sent 5 ";
	static const char link[] = "zz (y) ";
	static const char tail[] = "cadres, and built 14 new rural (whole village) projects.\n";
	size_t nlinks = 300000, len = strlen(head) + nlinks * strlen(link) + strlen(tail);
	char *text = xmalloc(len + 1), *p = text;
	p = stpcpy(p, head);
	for (size_t i = 0; i < nlinks; i++)
		p = stpcpy(p, link);
	strcpy(p, tail);
	struct extraction x;
	extract_text(text, &x);
	CHECK(find(&x, 5) == NULL); /* "zz" counts nothing */
	CHECK(found(&x, 14, IND_PROJECTS, 2013, "Fujian"));
	extraction_free(&x);
	free(text);
}

/* Spans and cumulative counts take the money's time rules; a place the
 * clause names narrows the recipient. */
static void test_time_and_places(void)
{
	struct extraction x;
	extract_text("Fujian - Ningxia Pairing-off Poverty Alleviation\n\n"
		     "      From 2011 to 2013, Fujian sent 300 volunteers to Xiji County. As of the end of "
		     "2013, Fujian had built 58 schools in Ningxia.\n",
		     &x);
	const struct fact_indicator *f = find(&x, 300);
	CHECK(f && f->kind == IND_CADRES && f->year == 2013 && f->from_year == 2011);
	CHECK(f && strcmp(f->recipient, "Xiji County") == 0);
	f = find(&x, 58);
	CHECK(f && f->kind == IND_SCHOOLS && f->year == 2013 && f->from_year == 0);
	extraction_free(&x);
}

/* A report of the series none of the bundled reports contains. */
static void test_unseen_report(void)
{
	char *path = xasprintf("%s/../tests/data/unseen/guangdong-guangxi-2016.txt", PAIROFF_SRC_DATADIR);
	struct report *r = NULL;
	struct extraction x = { 0 };
	CHECK(report_read(path, &r) == ST_OK);
	free(path);
	if (!r)
		return;
	CHECK(extract_report(r, gaz, &x) == ST_OK);
	CHECK(found(&x, 152, IND_PROJECTS, 2016, "Guangdong"));
	CHECK(found(&x, 36, IND_CADRES, 2016, "Guangdong"));
	CHECK(found(&x, 210, IND_CADRES, 2016, "Guangdong"));
	CHECK(found(&x, 64, IND_TRAINED, 2016, "Guangdong"));
	CHECK(found(&x, 5300, IND_TRAINED, 2016, "Guangdong"));
	CHECK(found(&x, 2100, IND_TRAINED, 2016, "Guangdong"));
	CHECK(found(&x, 18000, IND_LABOUR, 2016, "Guangzhou City"));
	CHECK(find(&x, 18000) && find(&x, 18000)->approx && strcmp(find(&x, 18000)->recipient, "Hechi City") == 0);
	CHECK(found(&x, 3600, IND_STUDENTS, 2016, "Guangzhou City"));
	CHECK(find(&x, 3600) && strcmp(find(&x, 3600)->recipient, "Baise City") == 0);
	CHECK(found(&x, 11, IND_SCHOOLS, 2016, "Guangzhou City"));
	CHECK(found(&x, 4, IND_HEALTH, 2016, "Guangzhou City"));
	CHECK(found(&x, 27, IND_VILLAGES, 2015, "Dongguan City"));
	CHECK(found(&x, 6800, IND_HOUSEHOLDS, 2015, "Dongguan City"));
	CHECK(found(&x, 29000, IND_PEOPLE, 2015, "Dongguan City"));
	CHECK(found(&x, 46, IND_ROADS, 2015, "Dongguan City"));
	CHECK(found(&x, 1200, IND_LAND, 2015, "Dongguan City"));
	CHECK(found(&x, 9, IND_VISITS, 2016, "Guangdong"));
	CHECK(found(&x, 85, IND_ENTERPRISES, 2016, "Guangdong"));
	CHECK(found(&x, 40, IND_PROJECTS, 2016, "Guangdong"));   /* signed: still a count of projects */
	CHECK(found(&x, 230, IND_VISITS, 2016, "Guangdong"));
	static const int64_t not_counts[] = { 12, 14, 18, 26, 2015, 320000000 };
	for (size_t i = 0; i < sizeof(not_counts) / sizeof(not_counts[0]); i++) {
		const struct fact_indicator *f = find(&x, not_counts[i]);
		CHECK(f == NULL);
		if (f)
			fprintf(stderr, "  unseen: %" PRId64 " is no count: \"%s\"\n", not_counts[i], f->quote);
	}
	extraction_free(&x);
	report_free(r);
}

/* --- identity ---------------------------------------------------------------- */

static struct indicator_fact fact(int64_t id, const char *donor, const char *recipient, int kind, int64_t value,
				  int year, int64_t report, int section, int line)
{
	size_t d = gazetteer_lookup(gaz, donor), r = gazetteer_lookup(gaz, recipient);
	CHECK(d != GAZ_NONE && r != GAZ_NONE);
	size_t prov = gazetteer_province_of(gaz, r);
	return (struct indicator_fact){
		.id = id, .donor = (uint32_t)d, .recipient = (uint32_t)r,
		.donor_unit = (uint32_t)gazetteer_unit_of(gaz, d),
		.recipient_unit = (uint32_t)(prov != GAZ_NONE ? prov : r), .year = (int16_t)year,
		.from_year = (int16_t)year, .kind = (uint8_t)kind, .value = value, .report_id = (uint32_t)report,
		.section = (uint16_t)section, .line_no = line, .flow_id = id,
	};
}

static void test_link(void)
{
	struct indicator_fact f[] = {
		/* an overview and its section; the next report restating it */
		fact(1, "Beijing", "Inner Mongolia", IND_CADRES, 44, 2012, 1, 1, 10),
		fact(2, "Beijing", "Inner Mongolia", IND_CADRES, 44, 2012, 1, 1, 14),
		fact(3, "Beijing", "Inner Mongolia", IND_CADRES, 44, 2012, 2, 0, 3),
		/* the same number of another kind, year or pair: other facts */
		fact(4, "Beijing", "Inner Mongolia", IND_TRAINED, 44, 2012, 1, 1, 14),
		fact(5, "Beijing", "Inner Mongolia", IND_CADRES, 44, 2011, 1, 1, 16),
		fact(6, "Tianjin", "Gansu", IND_CADRES, 44, 2012, 1, 2, 20),
		/* one paragraph counting the same number twice: two things */
		fact(7, "Tianjin", "Gansu", IND_CADRES, 44, 2012, 1, 2, 20),
		/* two places of one section with equal counts: two things */
		fact(8, "Shanghai", "Wenshan Prefecture", IND_SCHOOLS, 12, 2009, 1, 3, 30),
		fact(9, "Shanghai", "Honghe Prefecture", IND_SCHOOLS, 12, 2009, 1, 3, 31),
		/* a place and its province in different reports: one */
		fact(10, "Shanghai", "Yunnan", IND_SCHOOLS, 12, 2009, 2, 1, 5),
	};
	size_t n = sizeof(f) / sizeof(f[0]);
	indicators_link(f, n, gaz);
	CHECK(f[0].flow_id == 1 && f[1].flow_id == 1 && f[2].flow_id == 1);
	CHECK(f[3].flow_id == 4 && f[4].flow_id == 5 && f[5].flow_id == 6);
	CHECK(f[6].flow_id == 7);
	CHECK(f[7].flow_id == 8 && f[8].flow_id == 9);
	CHECK(f[9].flow_id == 8);
}

int main(void)
{
	char *path = xasprintf("%s/regions", PAIROFF_SRC_DATADIR);
	if (gazetteer_load(path, &gaz) != ST_OK) {
		fprintf(stderr, "cannot load %s: %s\n", path, status_detail(ST_CONFIG));
		return 1;
	}
	free(path);
	test_vocabulary();
	test_counts();
	test_not_counts();
	test_things();
	test_people();
	test_other_things();
	test_not_counts_in_context();
	test_people_in_context();
	test_attended();
	test_capacity();
	test_affected();
	test_study();
	test_received();
	test_trainers();
	test_seminars();
	test_has();
	test_times();
	test_phrases();
	test_long_bracket_chain();
	test_time_and_places();
	test_unseen_report();
	test_link();
	gazetteer_free(gaz);
	if (failures)
		fprintf(stderr, "%d check(s) failed\n", failures);
	return failures ? 1 : 0;
}
