# Common messages.
raw = { $text }
problems-found = { $n ->
    [one] 1 problem found
   *[other] { $n } problems found
}
warnings-found = { $n ->
    [one] 1 warning
   *[other] { $n } warnings
}
