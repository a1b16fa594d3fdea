#!/bin/sh
# Look-ups in either script (issue 12, item 2): every place argument of the
# command line takes a name in Chinese characters with or without its
# suffix (云南, 云南省; 文山, 文山州, 文山壮族苗族自治州), pinyin however
# spaced and cased, and the English names and aliases as before; a name of
# no place gets the look-up's "did you mean", one of several places the
# list of them. `regions` shows name_zh and pinyin in every format. In the
# browser (screen dump) the filter and the jump-to-place prompt take 汉字.

. "$top_srcdir/tests/lib.sh"

bundled_store
tab=$(printf '\t')
p() { run "$PAIROFF" --db "$db" "$@"; }

# first_line ARG: the first line of `show ARG` (the place it resolved to)
shows() {  # shows ARG EXPECTED_FIRST_LINE
	p show "$1"
	assert_rc 0 "show $1"
	assert_eq "$(printf '%s\n' "$out" | head -n 1)" "$2" "show $1"
}

# --- provinces, prefectures, counties in every script -----------------------------
yunnan="Yunnan (province, west side)"
wenshan="Wenshan Prefecture (prefecture in Yunnan, west side)"
for name in 云南 云南省 Yunnan yunnan YUNNAN "Yun Nan" "Yunnan Province"; do
	shows "$name" "$yunnan"
done
for name in 文山 文山州 文山壮族苗族自治州 "文山 州" Wenshan "Wen Shan" wenshan "Wenshan Zhuang and Miao Autonomous Prefecture"; do
	shows "$name" "$wenshan"
done
for name in 普洱 普洱市 puer "pu'er" "Pu Er" "Pu'er City"; do
	shows "$name" "Pu'er City (city in Yunnan, west side)"
done
for name in 香格里拉 香格里拉县 xianggelila "Xiang Ge Li La" "shangri la" Shangri-La; do
	shows "$name" "Shangri-La County (county in Diqing Prefecture, west side)"
done
for name in 西藏 西藏自治区 xizang "Xi Zang" Tibet; do
	shows "$name" "Tibet (autonomous region, west side)"
done
shows 内蒙古 "Inner Mongolia (autonomous region, west side)"
shows neimenggu "Inner Mongolia (autonomous region, west side)"
shows "Nei Menggu Autonomous Region" "Inner Mongolia (autonomous region, west side)"
shows "Xing An League" "Xing'an League (league in Inner Mongolia, west side)"
for name in "xi'an" XIAN "Xi An" 西安 西安市; do
	shows "$name" "Xi'an City (city in Shaanxi, west side)"
done
shows 东乡县 "Dongxiang County (county in Linxia Prefecture, west side)"
shows 兴安盟 "Xing'an League (league in Inner Mongolia, west side)"
# a short name two places share goes to the higher level, as in English
shows 海南 "Hainan (province, east side)"
shows 海南州 "Hainan Prefecture (Qinghai) (prefecture in Qinghai, west side)"
shows 河北 "Hebei (province, east side)"
shows 河北区 "Hebei District (district in Tianjin, east side)"
# namesakes in English are two names in Chinese
shows 巫山县 "Wushan County (county in Chongqing, west side)"
p show 武山
assert_rc 0 "show 武山"
assert_contains "$out" "Wushan County (Gansu)" "武山 is the Gansu county"
p show "武山县 (甘肃)"
assert_rc 0 "a Chinese name qualified in Chinese"
assert_contains "$out" "Wushan County (Gansu)" "武山县 (甘肃)"

# --- every command's place arguments ------------------------------------------------
p pairs 山东 -f tsv
assert_rc 0 "pairs 山东"
p pairs Shandong -f tsv
english=$out
p pairs 山东 -f tsv
assert_eq "$out" "$english" "pairs 山东 lists Shandong's pairings"
assert_contains "$out" "Shandong${tab}Chongqing${tab}province" "pairs 山东"
p pairs shandong -f tsv
assert_eq "$out" "$english" "pairs shandong"

for args in "--donor 上海 --recipient 文山州|--donor Shanghai --recipient Wenshan" \
	"--recipient yunnan|--recipient 云南省" "--donor 上海市|--donor shanghai"; do
	a=${args%|*}
	b=${args#*|}
	for cmd in funds totals indicators; do
		# shellcheck disable=SC2086
		p $cmd $a -f tsv
		assert_rc 0 "$cmd $a"
		zh=$out
		# shellcheck disable=SC2086
		p $cmd $b -f tsv
		assert_eq "$zh" "$out" "$cmd $a is $cmd $b"
	done
done
p funds --donor 上海 --recipient 文山州 -f tsv
assert_contains "$out" "Shanghai${tab}Wenshan Prefecture" "funds from 上海 to 文山州"

p pane partners 上海 -f tsv
zh=$out
p pane partners Shanghai -f tsv
assert_eq "$zh" "$out" "pane partners 上海"
p pane funds 上海 云南 -f tsv
zh=$out
p pane funds Shanghai Yunnan -f tsv
assert_eq "$zh" "$out" "pane funds 上海 云南"
p pane place 文山州 -f tsv
zh=$out
p pane place "Wenshan Prefecture" -f tsv
assert_eq "$zh" "$out" "pane place 文山州"
p pairs 巫山 --in 重庆 -f tsv
zh=$out
p pairs Wushan --in Chongqing -f tsv
assert_eq "$zh" "$out" "pairs 巫山 --in 重庆"

# --- names of no place, names of several --------------------------------------------
p show 云贵
assert_rc 1 "show 云贵"
assert_eq "$err" "pairoff: unknown region '云贵'; did you mean '云南' (Yunnan)?" "a slip in Chinese"
p show 文三州
assert_rc 1 "show 文三州"
assert_eq "$err" "pairoff: unknown region '文三州'; did you mean '文山州' (Wenshan Prefecture)?" \
	"a wrong character"
p funds --recipient 火星
assert_rc 1 "funds --recipient 火星"
assert_eq "$err" "pairoff: unknown region '火星'" "a name of no place"
p show yunnam
assert_rc 1 "show yunnam"
assert_eq "$err" "pairoff: unknown region 'yunnam'; did you mean 'Yunnan'?" "a slip in pinyin"
p show "Wu Shan"
assert_rc 2 "show Wu Shan"
assert_one_line "$err" "Wu Shan: one line"
assert_contains "$err" "Wu Shan: 2 places: " "pinyin two places share"
assert_contains "$err" "Wushan County (Chongqing)" "the Chongqing county"
assert_contains "$err" "Wushan County (Gansu)" "the Gansu county"
p show "Yu Lin"
assert_rc 2 "show Yu Lin"
assert_contains "$err" "Yulin City (Guangxi)" "Yu Lin: Guangxi's"
assert_contains "$err" "Yulin City (Shaanxi)" "Yu Lin: Shaanxi's"
shows 玉林 "Yulin City (Guangxi) (city in Guangxi, west side)"
shows 榆林 "Yulin City (Shaanxi) (city in Shaanxi, west side)"

# --- regions: name_zh and pinyin in every format -----------------------------------
p regions -f tsv
assert_eq "$(printf '%s\n' "$out" | head -n 1)" "name${tab}type${tab}side${tab}parent${tab}name_zh${tab}pinyin" \
	"regions tsv header"
assert_contains "$out" "Tibet${tab}autonomous region${tab}west${tab}${tab}西藏自治区${tab}xizang" "Tibet tsv"
assert_contains "$out" "Wenshan Prefecture${tab}prefecture${tab}west${tab}Yunnan${tab}文山壮族苗族自治州${tab}" "Wenshan tsv"
p regions -f csv
assert_contains "$out" "name,type,side,parent,name_zh,pinyin" "regions csv header"
assert_contains "$out" "Shangri-La County,county,west,Diqing Prefecture,香格里拉县,xianggelila" "csv"
p regions -f json
assert_contains "$out" '"name": "Inner Mongolia", "type": "autonomous region", "side": "west", "parent": null, "name_zh": "内蒙古自治区", "pinyin": "neimenggu"}' "json"
COLUMNS=200 p regions
assert_contains "$(printf '%s\n' "$out" | head -n 1)" "name_zh" "table header"
# the table aligns double-width names: pinyin starts in one column on every
# row (the width before it: one column a character, two for each of the
# three-byte characters, the Chinese ones here)
cols=$(printf '%s\n' "$out" | grep -E '^(Tibet|Inner Mongolia|Hong Kong) ' | while IFS= read -r line; do
	before=$(printf '%s' "$line" | sed 's/[a-z]*$//')
	chars=$(printf '%s' "$before" | wc -m)
	bytes=$(printf '%s' "$before" | wc -c)
	echo $((chars + (bytes - chars) / 2)); done | sort -u | wc -l | tr -d ' ')
assert_eq "$cols" 1 "the pinyin column is aligned after double-width names"

# --- the browser: its filter and its jump-to-place prompt take 汉字 ----------------

for size in 80x24 120x40; do
	dump $size "p文山"
	assert_contains "$(status_line)" "Go to place: 文山" "the prompt shows 文山 as typed ($size)"
	# the note says what Enter opens, "+1" for Wenshan City (文山市, begun
	# alike); it is shown only where it fits in half the line (not at 80)
	[ "$size" = 80x24 ] ||
		assert_contains "$(status_line)" "Wenshan Prefecture (Yunnan) +1" "and what Enter opens ($size)"
	dump $size "p文山<Enter>"
	assert_contains "$out" "Wenshan Prefecture (Yunnan): prefecture in Yunnan" "p 文山 opens Wenshan ($size)"
done
p pane place "Wenshan Prefecture" -f tsv
assert_contains "$out" "Funing County" "Wenshan's pairings (the CLI twin)"
dump 120x40 "p文山<Enter>"
assert_contains "$out" "Funing County" "the screen p 文山 lands on is Wenshan's"
dump 120x40 "p文山州<Enter>"
assert_contains "$out" "Wenshan Prefecture (Yunnan): prefecture in Yunnan" "p 文山州"
dump 120x40 "pxianggelila<Enter>"
assert_contains "$out" "Shangri-La County (Yunnan): county in Diqing Prefecture" "p xianggelila"
dump 120x40 "p普洱<Enter>"
assert_contains "$out" "Pu'er City (Yunnan): city in Yunnan" "p 普洱"

dump 120x40 "f云南<Enter>"
case $(cursor_line) in
Yunnan\ *) ;;
*) fail "f 云南 selects [$(cursor_line)], not Yunnan" ;;
esac
assert_contains "$(status_line)" "1 row match \"云南\"" "f 云南: one province"
dump 120x40 "f文山州<Enter>"
assert_contains "$(cursor_line)" "Yunnan" "f 文山州 finds Wenshan's province"
dump 120x40 "f山东<Enter>"
assert_contains "$(cursor_line)" "Shandong" "f 山东"
dump 120x40 "fshanghai<Enter><Esc><Right>f香格里拉<Enter>"
assert_contains "$(cursor_line)" "Shangri-La" "the partners pane's filter takes 香格里拉"

done_testing
