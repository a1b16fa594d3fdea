#!/bin/sh
# Finding a place (issue 11, item 1) through the in-process screen dump:
# the filter selects its best match and says through which place a row
# matched; the jump-to-place prompt completes names, tells namesakes apart
# and opens the place's screen, whose whole text at 80x24 and 120x40 is
# compared with tests/screens/; Enter on its rows drills on; the screen's
# rows are those of its CLI twin, `pairoff pane place`.

. "$top_srcdir/tests/lib.sh"

bundled_store

# --- the filter: the best match selected, whatever the list's order --------
dump 120x40 "fzhejiang<Enter>"
case $(cursor_line) in
Zhejiang\ *) ;;
*) fail "f zhejiang selects [$(cursor_line)], not Zhejiang" ;;
esac
assert_contains "$(status_line)" "match \"zhejiang\"" "f zhejiang says how many rows match"
dump 120x40 "fzhejiang city<Enter>"
case $(cursor_line) in
Jiangsu\ *) ;;
*) fail "f zhejiang city selects [$(cursor_line)], not Jiangsu (its place's own name)" ;;
esac
assert_contains "$(status_line)" "Jiangsu ← Zhejiang City" "says through which place Jiangsu matched"
dump 120x40 "fhaixi<Enter>"
assert_contains "$(cursor_line)" "Qinghai" "f haixi selects Qinghai"
assert_contains "$(status_line)" "Qinghai ← Haixi" "the message names the place under Qinghai"
dump 120x40 "fhaixi<Enter>j"
assert_contains "$(status_line)" "Qinghai ← Haixi" "the status line keeps saying why after a move"
dump 120x40 "fgansu<Enter>"
case $(cursor_line) in
Gansu\ *) ;;
*) fail "f gansu selects [$(cursor_line)]" ;;
esac
assert_not_contains "$(status_line)" "←" "a row found by its own name needs no why"

# --- the jump-to-place prompt ----------------------------------------------------
dump 120x40 "p"
assert_contains "$(status_line)" "Go to place:" "p opens the place prompt"
dump 120x40 ":mizh"
assert_contains "$(status_line)" "Mizhi County (Shaanxi)" "the prompt shows what Enter would open"
dump 120x40 "pwushan<Enter>"
assert_contains "$(status_line)" "Go to place: Wushan County (Chongqing)" \
	"two places answer Wushan: the prompt stays open with the first"
assert_contains "$(status_line)" "1/2" "and says how many there are"
dump 120x40 "pwushan<Tab><Tab>"
assert_contains "$(status_line)" "Go to place: Wushan County (Gansu)" "Tab steps to the namesake"
dump 120x40 "pwushan<Tab><Tab><Enter>"
assert_contains "$out" "Wushan County (Gansu): county in Tianshui City" "the Gansu namesake's screen"
dump 120x40 "pwulong<Enter>"
assert_contains "$out" "Wulong County (Chongqing): county in Chongqing" "an alias opens its place"
dump 120x40 "pxyzzyq<Enter>"
assert_contains "$(status_line)" "no place matches \"xyzzyq\"" "a name of no place says so"
dump 120x40 "pwushan<Esc>"
assert_contains "$(status_line)" "cancelled" "Esc closes the prompt"

# --- the place screens, whole ----------------------------------------------------------
same_screen place-wushan-120x40.txt 120x40 "pwushan<Enter><Enter>"
same_screen place-wushan-80x24.txt 80x24 "pwushan<Enter><Enter>"
same_screen place-mizhi-120x40.txt 120x40 "pMizhi County<Enter>"
same_screen place-mizhi-80x24.txt 80x24 "pmizhi<Enter>"
same_screen place-wushan-80x24.txt 80x24 "pWushan County (Chongqing)<Enter>"

# --- its rows are its CLI twin's ------------------------------------------------------
run "$PAIROFF" --db "$db" pane place "Mizhi County" --format tsv
assert_rc 0 "pane place Mizhi County"
twin=$out
rows=$(printf '%s\n' "$twin" | awk -F'\t' 'NR > 1 && $1 != "place"' | wc -l)
dump 120x40 "pmizhi<Enter>"
assert_contains "$(status_line)" "1/$rows" "the screen lists the twin's $rows rows"
for aid in $(printf '%s\n' "$twin" | awk -F'\t' '$1 == "money" { print $7 }'); do
	shown=$(printf '%s\n' "$aid" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta')
	assert_contains "$out" "  $shown  " "the money row of $aid yuan on screen"
done
run "$PAIROFF" --db "$db" totals --recipient "Mizhi County" --format tsv
assert_rc 0 "totals --recipient Mizhi County"
assert_eq "$(printf '%s\n' "$out" | awk -F'\t' 'NR > 1 { print $3, $4 }')" \
	"$(printf '%s\n' "$twin" | awk -F'\t' '$1 == "money" { print $5, $7 }')" \
	"the place's money is pairoff totals' figures"
run "$PAIROFF" --db "$db" pane place Wushan
assert_rc 2 "pane place of a shared name"
assert_contains "$err" "Wushan County (Chongqing)" "the namesakes are listed"

# --- Enter drills on, Left comes back ---------------------------------------------
dump 80x24 "pmizhi<Enter><Enter>"
assert_contains "$(cursor_line)" "Taicang City ⇢ Mizhi County" "a pairing opens the partners pane at the pair"
assert_contains "$(printf '%s\n' "$out" | sed -n 1p)" "Shaanxi" "with the place's province in the first pane"
mention=$(printf '%s\n' "$twin" | awk -F'\t' '$1 == "mention" { print $14; exit }')
dump 80x24 "pmizhi<Enter>G<Enter>"
assert_contains "$(printf '%s\n' "$out" | sed -n 2p)" "line $mention of" "a mention opens its line of report text"
dump 80x24 "pmizhi<Enter>G<Enter><Left>"
assert_contains "$(printf '%s\n' "$out" | sed -n 2p)" "Mizhi County (Shaanxi): county" "Left comes back to the place"
dump 80x24 "pmizhi<Enter><Esc>"
assert_contains "$(printf '%s\n' "$out" | sed -n 2p)" "Province" "Esc closes the place screen"
dump 120x40 "pwushan<Enter><Enter>j<Enter>"
assert_contains "$out" "statements of Shandong → Chongqing 2012 money" "a year's figure lists its statements"

done_testing
