# 政策文件。

## 政策文件的写法：语法。
policy-syntax-after-end = 文档结束后出现多余的 `{ $char }`
policy-syntax-comment-unclosed = 这段注释没有用 `*/` 结束
policy-syntax-too-deep = 值的嵌套超过 { $n } 层
policy-syntax-value-missing = 缺少一个值：文件在此处结束
policy-syntax-found = `{ $text }`
policy-syntax-found-end = 文件末尾
policy-syntax-expected-value = 此处应为一个值，实际为 { $found }
policy-syntax-not-number = `{ $written }` 不是数字
policy-syntax-string-unclosed = 这个字符串没有用 `"` 结束
policy-syntax-escape-at-end = 字符串在转义序列中间结束
policy-syntax-bad-escape = 转义序列无效：可用的有 \" \\ \n \t \r 和 \u{"{"}…{"}"}
policy-syntax-raw-open = 原始字符串应以 `"` 开始
policy-syntax-raw-unclosed = 这个原始字符串没有结束
policy-syntax-expected-separator = 此处应为 `,` 或 `{ $close }`，实际为 { $found }
policy-syntax-comma-missing = 此处应为 `,` 或 `{ $close }`，实际为 { $found }（前面是否漏了 `,`？）
policy-syntax-key-colon = 键后面应为 `:`，实际为 { $found }
policy-syntax-key-twice = 键 `{ $key }` 在这个映射中写了两次
policy-syntax-this-key-twice = 这个键在这个映射中写了两次
policy-syntax-field-name = 此处应为字段名，实际为 { $found }
policy-syntax-field-colon = `{ $field }` 后面应为 `:`，实际为 { $found }
policy-syntax-field-twice = 字段 `{ $field }` 写了两次
policy-duplicate-first = 第一次出现在第 { $line } 行第 { $col } 列；请只保留一个

## 政策文件的写法：结构。
policy-kind = { $kind ->
    [bool] 布尔值（true 或 false）
    [number] 数字
    [string] 字符串
    [name] 名称
    [list] 列表 `[…]`
    [map] 映射 `{"{"}…{"}"}`
    [record] 记录 `(…: …)`
   *[tuple] 元组 `(…)`
}
policy-want = { $what ->
    [bool] 布尔值 `true` 或 `false`
    [number] 数字
    [whole] 整数
    [string] 带引号的字符串
    [name] 名称
    [unit] 空值 `()`
    [list] 列表 `[…]`
    [tuple] 元组 `(…)`
    [map] 映射 `{"{"}…{"}"}`
    [record] 记录 `(字段: 值, …)`
    [one-of] 以下之一：{ $names }
    [bare-name] 不带括号的名称
    [one-value] 括号中的一个值，如 `Each(-2)`
    [values] 括号中的若干值
   *[fields] 括号中的字段，如 `Below(share: 0.6)`
}
policy-shape-wrong = 此处应为{ $expected }，实际为{ $found }
policy-shape-whole-range = 此处应为 0 到 { $max } 之间的整数，实际为 { $found }
policy-shape-record-name = 此处应为 `{ $expected }(…)`，实际为 `{ $found }(…)`

## 行业覆盖文件。
policy-merge-exists = `{ $id }` 已经存在，不能再添加
policy-merge-exists-help = 要修改它，请写在 `change` 下
policy-merge-no-such-change = 没有可修改的 `{ $id }`
policy-merge-no-such-removal = 没有可删除的 `{ $id }`
policy-merge-remove-shape = 此处的 `remove` 应为 (编号, 原因) 的列表
policy-merge-map-shape = 此处的 `{ $op }` 应为映射 `{"{"}"键": …{"}"}`
policy-merge-add-shape = 此处的 `add` 应为新增项的列表 `[…]`
policy-merge-change-shape = 此处的 `change` 应为映射 `{"{"}"编号": (…){"}"}`
policy-merge-removal-why = 删除必须说明原因：请写在 `why` 中
policy-merge-removal-shape = 删除项的写法是 `("编号", "原因")`
policy-merge-removal-shape-help = 写明删除哪一项以及原因，例如 ("C16.3", "不适用于本行业")
policy-overlay-no-import = 基础政策中没有 `import.ron`，这一节无从扩展
policy-overlay-no-import-help = 请先添加 policies/base/import.ron
policy-overlay-unchanged = 这里把 `{ $path }` 设为基础政策中已有的值
policy-overlay-unchanged-help = 请从行业覆盖文件中删除：它没有改变任何内容
policy-not-sector-id = `{ $sector }` 不是有效的行业编号
policy-sector-id-help = 行业编号由小写字母、数字和连字符组成，即它在 sectors/ 下的文件夹名，例如 `gas-appliances`
policy-no-sector = 没有行业 `{ $sector }`
policy-known-sectors = 已有的行业：{ $sectors }；`cogov init { $sector }` 可新建这个行业
policy-no-sectors-yet = 还没有任何行业；`cogov init { $sector }` 可新建这个行业
policy-found-in-sector = 在基础政策（{ $base }）上应用行业 `{ $sector }`（{ $overlay }）时发现

## 名称与提示。
policy-did-you-mean = 是否应为 { $n ->
    [1] { $first }
    [2] { $first } 或 { $second }
   *[other] { $first }、{ $second } 或 { $third }
}？
policy-known-names = 可用的有：{ $names }{ $more ->
    [yes] 等
   *[no] {""}
}
policy-name-empty = 这个名称的{ $lang ->
    [zh] 中文
   *[en] 英文
}为空
policy-name-empty-help = 每个名称都要同时写 `zh` 和 `en`：报告两种语言都会用到
policy-not-finite = `{ $field }` 必须是有限的数，实际为 { $found }
policy-not-finite-help = 请写一个普通的数，例如 10 或 -2.5

## 目录。
policy-unused-entry = { $what ->
    [evidence] 证据类型
   *[fact] 事实
} `{ $id }` 已声明，但政策中没有任何地方用到它
policy-unused-entry-help = 请在评分细则中用到它，或把它从目录中删除

## 读取政策文件与脚本。
policy-embedded-missing = 内置政策中没有这个文件
policy-file-not-regular = 它不是普通文件
policy-file-too-large = 文件超过 { $limit } 字节的上限
policy-script-outside = 脚本路径必须在政策文件夹之内（不能有 `..`，不能是绝对路径）
policy-script-missing = 文件不存在
policy-script-dangling = 它是一个指向不存在文件的链接
policy-script-link-out = 它是一个指向政策文件夹之外的链接（指向 { $target }）
policy-script-not-file = 它不是普通文件（而是文件夹、设备或管道）
policy-script-too-large = 文件有 { $size } 字节，超过脚本 { $limit } 字节的上限
policy-script-undecodable = { $why }；{ $help }
policy-script-unusable = 脚本 `{ $script }` 无法使用：{ $why }
policy-script-help = 脚本须是政策文件夹内的 UTF-8 文本文件，例如 scorers/rate.rhai
policy-criterion-at = 该评分细则位于 { $at }
policy-example-points = 评分细则 `{ $criterion }` 的示例 { $n } 预期得 { $expected } 分，但评分脚本给出 { $got } 分
