package main

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// freeze v0.2.2 draws no background for the basic colours (SGR 40-47) and a
// black one for the bright ones (100-107); the grid's allowed hours are
// spaces on the basic green. So the pictures spell those backgrounds as
// 24-bit ones, in freeze's own colours for the same foregrounds.
var freezePalette = [16]string{
	"282a2e", "D74E6F", "31BB71", "D3E561", "8056FF", "ED61D7", "04D7D7", "C5C8C6",
	"4B4B4B", "FE5F86", "00D787", "EBFF71", "8F69FF", "FF7AEA", "00FEFE", "FFFFFF",
}

var sgr = regexp.MustCompile(`\x1b\[([0-9;]*)m`)

// backgroundsForFreeze rewrites the basic background colours of the
// screen's SGR sequences as 24-bit ones; everything else stays as it is.
func backgroundsForFreeze(screen string) string {
	return sgr.ReplaceAllStringFunc(screen, func(seq string) string {
		params := strings.Split(sgr.FindStringSubmatch(seq)[1], ";")
		for i := 0; i < len(params); i++ {
			n, err := strconv.Atoi(params[i])
			switch {
			case err != nil:
			case n == 38 || n == 48: // an extended colour: skip its arguments
				if i+1 < len(params) && params[i+1] == "5" {
					i += 2
				} else {
					i += 4
				}
			case n >= 40 && n <= 47:
				params[i] = rgbBackground(freezePalette[n-40])
			case n >= 100 && n <= 107:
				params[i] = rgbBackground(freezePalette[8+n-100])
			}
		}
		return "\x1b[" + strings.Join(params, ";") + "m"
	})
}

func rgbBackground(hex string) string {
	v, _ := strconv.ParseUint(hex, 16, 32)
	return fmt.Sprintf("48;2;%d;%d;%d", v>>16, v>>8&0xff, v&0xff)
}
