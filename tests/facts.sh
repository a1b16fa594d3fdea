# The fact subcommands on the store built from the bundled reports: the
# acceptance commands of issue 3 in every format, region names and aliases,
# unknown regions with a suggestion, and bad options.
. "$top_srcdir/tests/lib.sh"

db=$test_tmp/pairoff.db
p() { run "$PAIROFF" --db "$db" "$@"; }

p import
assert_rc 0 "import of the bundled reports"

tab=$(printf '\t')

# field VALUE... of the TSV rows in $out whose first two columns are $1 $2
# ("donor recipient"): prints columns $3.. of the first such row, '|'-joined.
row_fields() {
	printf '%s\n' "$out" | awk -F"$tab" -v d="$1" -v r="$2" -v cols="$3" '
		$1 == d && $2 == r { n = split(cols, c, ","); s = "";
			for (i = 1; i <= n; i++) s = s (i > 1 ? "|" : "") $(c[i]); print s; exit }'
}

# --- pairs Chongqing: Shandong since 2010 and the 14 one-for-one pairs --------
p pairs Chongqing -f tsv
assert_rc 0 "pairs Chongqing"
assert_eq "$(printf '%s\n' "$out" | head -n 1)" \
	"donor${tab}recipient${tab}level${tab}since${tab}until${tab}report${tab}line${tab}basis${tab}quote" \
	"pairs header"
assert_eq "$(row_fields Shandong Chongqing 4,5)" "2010|" "Shandong -> Chongqing since 2010"
for pair in "Jinan City:Wulong County" "Zibo City:Shizhu County" \
	"Zaozhuang City:Fengdu County" "Dongying City:Youyang County" \
	"Yantai City:Wushan County" "Weifang City:Kai County" \
	"Jining City:Wanzhou District" "Tai'an City:Wuxi County" \
	"Weihai City:Yunyang County" "Rizhao City:Qianjiang District" \
	"Linyi City:Chengkou County" "Dezhou City:Xiushan County" \
	"Liaocheng City:Pengshui County" "Binzhou City:Fengjie County"; do
	donor=${pair%%:*} recipient=${pair#*:}
	got=$(row_fields "$donor" "$recipient" 4,6)
	[ -n "$got" ] || got="missing; $donor pairs with: $("$PAIROFF" --db "$db" pairs "$donor" \
		-f tsv 2>&1 | sed 1d | cut -f2 | tr '\n' ';')"
	assert_eq "$got" "2010|shandong-chongqing-2010.txt" "$donor -> $recipient since 2010, first source"
done
# Each pair once, however many reports state it.
dups=$(printf '%s\n' "$out" | cut -f1,2 | sort | uniq -d)
assert_eq "$dups" "" "pairs Chongqing: duplicate (donor, recipient) rows"
# Every row involves Chongqing or a place under it.
assert_not_contains "$out" "${tab}Xinjiang${tab}" "pairs Chongqing lists Xinjiang"

for fmt in table csv json; do
	p pairs Chongqing -f "$fmt"
	assert_rc 0 "pairs Chongqing -f $fmt"
	case $fmt in
	table) assert_contains "$out" "Jinan City" "pairs table"
	       assert_contains "$out" "Wulong County" "pairs table" ;;
	csv) assert_contains "$out" "Jinan City,Wulong County,county,2010," "pairs csv" ;;
	json) assert_contains "$out" '"donor": "Jinan City", "recipient": "Wulong County"' "pairs json"
	      assert_contains "$out" '"since": 2010' "pairs json since" ;;
	esac
done

# --- links (issue 9): basis, dates that only a start gives, namesakes ----------
# A report restating a standing pair ("on the basis of counterpart support
# ... provided by Dalian, Qingdao, ...") dates nothing; the pairs it adds
# start that year.
p pairs Guizhou -f tsv
assert_rc 0 "pairs Guizhou"
assert_eq "$(row_fields "Dalian City" Guizhou 4)" "" "Dalian -> Guizhou: restated, not started, in 2012"
assert_eq "$(row_fields "Qingdao City" Guizhou 4)" "" "Qingdao -> Guizhou: restated, not started, in 2012"
assert_eq "$(row_fields "Shanghai" Guizhou 4,8)" "2012|stated" "Shanghai -> Guizhou added in 2012"
# Links seen only through aid are listed, with their basis and source.
p pairs --basis evidence -f tsv
assert_rc 0 "pairs --basis evidence"
for pair in "Taicang City:Mizhi County" "Haidian District:Aohan Banner" \
	"Hedong District:Min County" "Yingkou City:Ledu County" "Nantong City:Jingyang County"; do
	donor=${pair%%:*} recipient=${pair#*:}
	assert_eq "$(row_fields "$donor" "$recipient" 8,6)" "evidence|east-west-pairing-2012.txt" \
		"$donor -> $recipient seen through aid"
done
assert_not_contains "$(printf '%s\n' "$out" | cut -f8 | sort -u)" "stated" "--basis evidence lists no stated pairing"
p pairs --basis stated -f tsv
assert_eq "$(printf '%s\n' "$out" | sed 1d | cut -f8 | sed 's/,internal//' | sort -u)" "stated" "--basis stated"
assert_eq "$(row_fields "Ordos City" "Xing'an League" 8)" "stated,internal" "a pairing within the West"
p pairs --basis sometimes
assert_rc 2 "pairs --basis: a bad value"
# Two counties named Wushan: pairs lists both and their pairings; show asks
# which, and takes the qualified form or --in.
p pairs wushan -f tsv
assert_rc 0 "pairs wushan"
assert_eq "$err" "pairoff: wushan: 2 places: Wushan County (Chongqing), Wushan County (Gansu)" "wushan: the namesakes"
assert_eq "$(row_fields "Yantai City" "Wushan County" 4)" "2010" "wushan: Chongqing's county"
assert_contains "$(printf '%s\n' "$out" | cut -f2)" "Wushan County (Gansu)" "wushan: Gansu's county"
p show wushan
assert_rc 2 "show wushan: which one?"
assert_contains "$err" "Wushan County (Chongqing), Wushan County (Gansu)" "show wushan names both"
p show "Wushan County (Gansu)"
assert_rc 0 "show, qualified"
assert_contains "$out" "Wushan County (Gansu) (county in Tianshui City" "show, qualified: Gansu's"
p show --in Chongqing wushan
assert_rc 0 "show --in"
assert_contains "$(printf '%s\n' "$out" | head -n 1)" "Wushan County (county in Chongqing" "show --in Chongqing"
p pairs "wushan (Gansu)" -f tsv
assert_not_contains "$out" "Yantai" "pairs, qualified: Gansu's only"

# --- pairs Xinjiang: Shandong from 1996 until 2010 ----------------------------
p pairs Xinjiang -f tsv
assert_rc 0 "pairs Xinjiang"
assert_eq "$(row_fields Shandong Xinjiang 4,5)" "1996|2010" "Shandong -> Xinjiang 1996-2010"
p pairs "Xinjiang Uygur Autonomous Region" -f tsv
assert_eq "$(row_fields Shandong Xinjiang 4,5)" "1996|2010" "pairs by the region's long name"
p pairs Xinjiang -f json
assert_contains "$out" '"donor": "Shandong", "recipient": "Xinjiang"' "pairs Xinjiang json"
assert_contains "$out" '"since": 1996, "until": 2010' "pairs Xinjiang json span"

# --- pairs stated by several reports: one row, the earliest since of any -------
p pairs Yunnan -f tsv
assert_rc 0 "pairs Yunnan"
assert_eq "$(row_fields Shanghai Yunnan 4,6)" "1996|shanghai-yunnan-2009.txt" \
	"Shanghai -> Yunnan: since 1996 (2018 report), first stated by the 2009 report"
assert_eq "$(row_fields "Minhang District" "Shangri-La County" 4)" "2011" "Minhang -> Shangri-La"
assert_eq "$(printf '%s\n' "$out" | cut -f1,2 | sort | uniq -d)" "" "pairs Yunnan: duplicates"

# --- funds: Shanghai -> Yunnan in 2009 -----------------------------------------
# fund_rows AMOUNT: the TSV rows of $out with that amount_yuan (column 8).
fund_rows() { printf '%s\n' "$out" | awk -F"$tab" -v a="$1" '$8 == a'; }

p funds --donor Shanghai --recipient Yunnan --year 2009 -f tsv
assert_rc 0 "funds Shanghai -> Yunnan 2009"
assert_eq "$(printf '%s\n' "$out" | head -n 1)" \
	"donor${tab}recipient${tab}year${tab}from_year${tab}period${tab}kind${tab}category${tab}amount_yuan${tab}approx${tab}part_of${tab}flow${tab}sources${tab}figures${tab}report${tab}line${tab}quote${tab}all_sources" \
	"funds header"
# "actually 180 million Yuan was put in" and the table's total of 18,020 ten
# thousand yuan state one flow: listed once, at the larger figure, with both
# figures and both sources.
assert_eq "$(fund_rows 180200000 | cut -f1,3,5,6,7,12,13,14,15,17)" \
	"Shanghai${tab}2009${tab}year${tab}aid${tab}government${tab}2${tab}180000000 180200000${tab}shanghai-yunnan-2009.txt${tab}11${tab}shanghai-yunnan-2009.txt:11 shanghai-yunnan-2009.txt:105" \
	"the 180 million yuan actually put in, and the table's total"
assert_eq "$(fund_rows 180000000)" "" "the 180 million is not listed apart"
assert_eq "$(fund_rows 160000000 | cut -f1,3,6,7,15)" \
	"Shanghai${tab}2009${tab}planned${tab}planned${tab}11" "the planned 160 million yuan is planned"
# The filter covers places under Yunnan (the table's prefecture rows).
assert_eq "$(fund_rows 41700000 | cut -f2)" "Wenshan Prefecture" "Wenshan's table total"
# Nothing outside the filter.
assert_eq "$(printf '%s\n' "$out" | sed 1d | awk -F"$tab" '$3 != 2009')" "" "only 2009"
funds_out=$out
p regions -f tsv
shanghai_places=$(printf '%s\n' "$out" | awk -F"$tab" '$1 == "Shanghai" || $4 == "Shanghai" { print $1 }')
assert_contains "$shanghai_places" "Minhang District" "places under Shanghai"
out=$funds_out
assert_eq "$(printf '%s\n' "$out" | sed 1d | cut -f1 | sort -u | grep -vxF "$shanghai_places")" "" \
	"only Shanghai and places under it give"

p funds --donor Shanghai --recipient Yunnan --year 2009 -f csv
assert_contains "$out" ",2009,2009,year,aid,government,180200000,0," "funds csv 180.2 million"
assert_contains "$out" ",2009,2009,year,planned,planned,160000000,0," "funds csv planned"
p funds --donor Shanghai --recipient Yunnan --year 2009 -f json
assert_contains "$out" '"kind": "aid", "category": "government", "amount_yuan": 180200000' "funds json"
assert_contains "$out" '"kind": "planned", "category": "planned", "amount_yuan": 160000000' "funds json planned"
p funds --donor Shanghai --recipient Yunnan --year 2009
assert_rc 0 "funds table"
assert_contains "$(printf '%s\n' "$out" | grep 160,000,000)" "planned" "funds table planned"
assert_contains "$out" "180,200,000" "funds table total (digits grouped)"

# A cumulative figure keeps its span.
p funds --donor Shandong --recipient Xinjiang -f tsv
assert_eq "$(fund_rows 471000000 | cut -f3,4)" "2010${tab}1996" "471 million over 1996-2010"

# --- region names: case, apostrophes, aliases ----------------------------------
p funds --recipient "Pu'er City" -f tsv
assert_rc 0 "funds for Pu'er City"
reference=$out
assert_contains "$reference" "Pu'er City" "funds for Pu'er City name"
for spelling in "pu'er" "Puer" "Pu’er" "Simao" "PUER CITY" "simao prefecture"; do
	p funds --recipient "$spelling" -f tsv
	assert_rc 0 "funds --recipient $spelling"
	assert_eq "$out" "$reference" "'$spelling' finds Pu'er City"
done
p pairs "pu'er" -f tsv
pu1=$out
p pairs Simao -f tsv
assert_eq "$out" "$pu1" "pairs: Simao and pu'er are one place"

# A name two places share goes to the higher level (Jining the city, not the
# district of Ulanqab); a canonical name beats another place's alias ("Wushan
# County" is Chongqing's; Gansu's is "Wushan County (Gansu)"); a designation
# may be added or dropped.
p pairs Jining -f tsv
assert_eq "$(printf '%s\n' "$out" | sed 1d | cut -f1,2)" "Jining City${tab}Wanzhou District" "Jining"
p pairs "Wushan County" -f tsv
assert_eq "$(printf '%s\n' "$out" | sed 1d | cut -f1,2)" "Yantai City${tab}Wushan County" "Wushan County"
p pairs "Xinjiang Autonomous Region" -f tsv
assert_eq "$(row_fields Shandong Xinjiang 4,5)" "1996|2010" "a designation added to a name"
p pairs "WULONG county" -f csv
assert_contains "$out" "Jinan City,Wulong County,county,2010," "case of a name"

# --- unknown regions -----------------------------------------------------------
p pairs Chongqnig
assert_rc 1 "unknown region"
assert_eq "$out" "" "unknown region prints nothing on stdout"
assert_eq "$err" "pairoff: unknown region 'Chongqnig'; did you mean 'Chongqing'?" "suggestion"
p funds --donor Shangai
assert_rc 1 "unknown donor"
assert_eq "$err" "pairoff: unknown region 'Shangai'; did you mean 'Shanghai'?" "donor suggestion"
p show "Yunnam"
assert_rc 1 "show unknown"
assert_eq "$err" "pairoff: unknown region 'Yunnam'; did you mean 'Yunnan'?" "show suggestion"
p pairs Atlantis
assert_rc 1 "far-off name"
assert_one_line "$err" "far-off name"
assert_contains "$err" "pairoff: unknown region 'Atlantis'" "far-off name"

# --- bad options exit 2 ----------------------------------------------------------
for args in "funds --year 20x9" "funds --year" "funds --bogus" "funds extra" \
	"regions --side north" "regions extra" "pairs a b" "pairs --bogus" \
	"show" "show a b" "anomalies extra" "pairs -f yaml"; do
	# shellcheck disable=SC2086 # word splitting wanted
	p $args
	assert_rc 2 "$args"
	assert_one_line "$err" "$args"
done

# --- regions ---------------------------------------------------------------------
p regions --side east -f tsv
assert_rc 0 "regions --side east"
assert_eq "$(printf '%s\n' "$out" | head -n 1)" "name${tab}type${tab}side${tab}parent${tab}name_zh${tab}pinyin" "regions header"
assert_contains "$out" "Shanghai${tab}municipality${tab}east${tab}" "Shanghai is east"
assert_eq "$(printf '%s\n' "$out" | sed 1d | awk -F"$tab" '$3 != "east"')" "" "only east"
assert_not_contains "$out" "Yunnan" "Yunnan is not east"
p regions -f tsv
assert_eq "$(printf '%s\n' "$out" | sed 1d | wc -l | tr -d ' ')" \
	"$(cat "$top_srcdir"/data/regions/*.ini | grep -c '^\[')" "regions lists every gazetteer entry"
# The gazetteer's files joined into one file ([store] gazetteer = FILE) are
# the same gazetteer: the same regions, pairs and funds.
regions_out=$out
cat "$top_srcdir"/data/regions/*.ini >"$test_tmp/one-gazetteer.ini"
printf '[store]\ngazetteer = %s\n' "$test_tmp/one-gazetteer.ini" >"$test_tmp/one-gazetteer-config.ini"
one() { run "$PAIROFF" --config "$test_tmp/one-gazetteer-config.ini" --db "$test_tmp/one.db" "$@"; }
one import
assert_rc 0 "import with a one-file gazetteer"
one regions -f tsv
assert_eq "$out" "$regions_out" "a one-file gazetteer: the same regions"
for what in pairs funds; do
	p "$what" -f tsv
	dir_out=$out
	one "$what" -f tsv
	assert_eq "$out" "$dir_out" "a one-file gazetteer: the same $what"
done
p regions --side west -f json
assert_contains "$out" '{"name": "Yunnan", "type": "province", "side": "west", "parent": null, "name_zh": "云南省", "pinyin": null}' "Yunnan json"
assert_contains "$out" '"name": "Wenshan Prefecture"' "places take their province's side"

# --- show --------------------------------------------------------------------------
p show Shandong
assert_rc 0 "show Shandong"
assert_contains "$out" "Shandong (province" "show heading"
assert_contains "$out" "Shandong -> Chongqing" "show partners"
assert_contains "$out" "Shandong -> Xinjiang" "show partners"
assert_contains "$out" "Jinan City -> Wulong County" "show place pairs"
assert_contains "$out" "Money by year" "show funds"
lines=$(printf '%s\n' "$out" | wc -l)
[ "$lines" -le 40 ] || fail "show Shandong is $lines lines, more than a screen"
p show "pu’er" -f tsv
assert_rc 0 "show pu'er tsv"
assert_eq "$(printf '%s\n' "$out" | sed -n 2p | cut -f1-3)" "region${tab}Pu'er City${tab}city" "show tsv region row"
p show Yunnan -f json
assert_contains "$out" '"section": "partner", "name": "Shanghai -> Yunnan"' "show json partner"
assert_contains "$out" '"section": "funds"' "show json funds"

# --- anomalies ---------------------------------------------------------------------
p anomalies -f tsv
assert_rc 0 "anomalies"
assert_eq "$(printf '%s\n' "$out" | head -n 1)" "kind${tab}message${tab}report${tab}line${tab}quote" "anomalies header"
assert_contains "$out" "Dulongjinag" "the misspelling it resolved"
assert_contains "$out" "Zhejiang" "the Zhejiang in the Shandong-Xinjiang review"
assert_contains "$out" "missing-bracket" "headings with a missing bracket"


# --- a report of the series that is not in the repository ----------------------
# Made up for this test in the series' style: a heading pair, a planned and an
# actual figure, "more than", a cumulative figure since a stated year, a
# one-for-one list of districts and counties, a district's own figure.
mkdir -p "$test_tmp/unseen"
cat >"$test_tmp/unseen/tianjin-gansu-2015.txt" <<'REPORT'
Tianjin-Gansu Pairing-off Poverty Alleviation

      【Overview】 In 2015, Tianjin planned to allocate 70 million yuan of aid funds for Gansu and actually allocated 72.4 million yuan, while all circles of society in Tianjin donated more than 3 million yuan in kind and cash. Since 1996, Tianjin has provided a total of 512 million yuan of aid funds for Gansu.

      【Counterpart support】 Tianjin arranged a "one-for-one" twinning relationship between three districts of Tianjin, namely Hedong, Xiqing and Dongli, and three counties of Gansu, namely Minxian, Xihe and Gangu. In 2015, Xiqing District issued 1.2 million yuan for Xihe County.

      (Exchange and Cooperation Office of Tianjin Municipal People's Government)
REPORT
db=$test_tmp/unseen.db
p import "$test_tmp/unseen/tianjin-gansu-2015.txt"
assert_rc 0 "import of an unseen report"
p pairs -f tsv
assert_rc 0 "pairs of the unseen report"
assert_eq "$(row_fields Tianjin Gansu 6,7)" "tianjin-gansu-2015.txt|1" "unseen: Tianjin -> Gansu"
for pair in "Hedong District:Min County" "Xiqing District:Xihe County" "Dongli District:Gangu County"; do
	donor=${pair%%:*} recipient=${pair#*:}
	assert_eq "$(row_fields "$donor" "$recipient" 6,7)" "tianjin-gansu-2015.txt|5" \
		"unseen: one-for-one $donor -> $recipient"
done
p funds -f tsv
assert_rc 0 "funds of the unseen report"
# year, from_year, approx, category of the row with the amount
assert_eq "$(fund_rows 70000000 | cut -f1,3,4,6,9)" "Tianjin${tab}2015${tab}2015${tab}planned${tab}0" \
	"unseen: the planned figure"
assert_eq "$(fund_rows 72400000 | cut -f1,3,4,7,9)" "Tianjin${tab}2015${tab}2015${tab}government${tab}0" \
	"unseen: the figure actually allocated is not planned"
assert_eq "$(fund_rows 3000000 | cut -f1,3,7,9)" "Tianjin${tab}2015${tab}social${tab}1" \
	"unseen: more than 3 million yuan of donations"
assert_eq "$(fund_rows 512000000 | cut -f1,3,4,5)" "Tianjin${tab}2015${tab}1996${tab}span" \
	"unseen: a total since 1996 spans 1996-2015"
assert_eq "$(fund_rows 1200000 | cut -f1,2,3)" "Xiqing District${tab}Xihe County${tab}2015" \
	"unseen: a district's own figure"
# The year's aid: the overview's own figure for the government money (the
# district's 1.2 million is part of what Tianjin gave, not on top of it) and
# the donations; never the planned 70 million nor the 512 million since 1996.
p totals -f tsv
assert_eq "$out" "donor${tab}recipient${tab}year${tab}aid_yuan${tab}investment_yuan${tab}facts${tab}sources
Tianjin${tab}Gansu${tab}2015${tab}75400000${tab}0${tab}2${tab}tianjin-gansu-2015.txt:3 tianjin-gansu-2015.txt:3" \
	"unseen: the year's aid by the one rule"

# Two made-up reports that date one link differently: each keeps its date
# and source, and the later one is an anomaly; a district's aid to a county
# is a link seen through it.
cat >"$test_tmp/unseen/tianjin-gansu-2016.txt" <<'REPORT'
Tianjin-Gansu Pairing-off Poverty Alleviation

      【Counterpart support】 Since 1997, Hedong District has provided counterpart support for Min County. In 2016, Hebei District donated 300,000 yuan to Qingshui County.

      (Exchange and Cooperation Office of Tianjin Municipal People's Government)
REPORT
cat >"$test_tmp/unseen/tianjin-gansu-2017.txt" <<'REPORT'
Tianjin-Gansu Pairing-off Poverty Alleviation

      【Counterpart support】 Since 1998, Hedong District has provided counterpart support for Min County.

      (Exchange and Cooperation Office of Tianjin Municipal People's Government)
REPORT
db=$test_tmp/unseen2.db
p import "$test_tmp/unseen/tianjin-gansu-2016.txt" "$test_tmp/unseen/tianjin-gansu-2017.txt"
assert_rc 0 "import of two unseen reports"
p anomalies -f tsv
assert_contains "$out" "since-disagrees${tab}Hedong District -> Min County since 1998 here, since 1997 in tianjin-gansu-2016.txt:3${tab}tianjin-gansu-2017.txt${tab}3" \
	"unseen: two reports disagree on a start"
p pairs "Min County" -f tsv
assert_eq "$(row_fields "Hedong District" "Min County" 4,8)" "1997|stated" "unseen: the earliest start stated"
p pairs Qingshui -f tsv
assert_eq "$(row_fields "Hebei District" "Qingshui County" 3,4,8)" "county||evidence" "unseen: a link seen through aid"

done_testing
