package ui

import "encoding/json"

var jsonMarshal = json.Marshal
