# 通用消息。
problems-found = 发现 { $n } 个问题
warnings-found = { $n } 个警告

## 读取文件。
file-cannot-read = 无法读取文件：{ $why }
file-io-reason = { $kind ->
    [not-found] 文件不存在
    [denied] 没有读取权限
    [folder] 这是一个文件夹，不是文件
   *[other] 系统报告 `{ $detail }`
}
file-utf16 = 文件是 UTF-16 编码的文本
file-gbk = 文件是 GBK（GB18030）编码的文本，不是 UTF-8
file-not-utf8 = 文件不是 UTF-8 编码的文本
file-first-bad-byte = 请另存为 UTF-8 编码（第一个无法识别的字节位于偏移量 { $offset } 处）
file-save-as-utf8 = 请另存为 UTF-8 编码（记事本或 WPS 中选“另存为”，编码选 UTF-8）；cogov 读取 UTF-8 文本，带不带字节顺序标记（BOM）均可
file-see-comments = 正确的写法见文件开头的注释或 README

## RON 与 JSON 文件的语法和结构错误。
syntax-detail = 格式有误（解析器原文：{ $detail }）
json-syntax = { $what ->
    [eof-list] 列表还没结束，文件就结束了
    [eof-object] 对象还没结束，文件就结束了
    [eof-string] 字符串还没结束，文件就结束了
    [eof-value] 此处应有一个值，文件却结束了
    [colon] 此处应为 `:`
    [comma-list] 此处应为 `,` 或 `]`
    [comma-object] 此处应为 `,` 或 `{"}"}`
    [ident] 此处的词无法识别（应为 `true`、`false` 或 `null`）
    [value] 此处应为一个值
    [quote] 此处应为 `"`
    [escape] 转义序列无效
    [number] 数字的写法无效
    [range] 数字超出范围
    [code-point] Unicode 码位无效
    [control] 字符串中含有控制字符（\u0000-\u001F）
    [key-string] 键必须是字符串
    [key-number] 键应为写在引号中的数字
    [key-finite] 作为键的小数必须是有限数（不能是 NaN 或 ±inf）
    [surrogate] 十六进制转义中有落单的代理项
    [trailing-comma] 多了一个结尾的逗号
    [trailing] 文档结束后还有多余的字符
    [hex-end] 十六进制转义不完整
   *[recursion] 嵌套层数超过上限
}
shape-one-of = { $n ->
    [1] { $list }
    [2] { $first } 或 { $second }
   *[other] { $list } 之一
}
shape-unknown-field = { $n ->
    [0] 未知字段 `{ $found }`，这里不能有任何字段
   *[other] 未知字段 `{ $found }`，应为 { $expected }
}
shape-unknown-variant = { $n ->
    [0] 未知的取值 `{ $found }`，这里没有可选的取值
   *[other] 未知的取值 `{ $found }`，应为 { $expected }
}
shape-missing-field = 缺少字段 `{ $field }`
shape-duplicate-field = 字段 `{ $field }` 重复
shape-invalid-type = 类型不符：应为{ $expected }，实际为{ $found }
shape-invalid-value = 取值无效：应为{ $expected }，实际为{ $found }
shape-invalid-length = 个数不符：应为{ $expected }，实际有 { $n } 项
shape-expected = { $kind ->
    [record] 记录 `{ $name }`
    [variant] 类型 `{ $name }` 的一个取值
    [tuple] 由 { $n } 个值组成的元组
    [number] 数字
    [whole] 整数
    [unsigned] 不小于 0 的整数
    [string] 字符串
    [bool] 布尔值（true 或 false）
    [list] 列表
    [map] 映射
    [name] 名称
    [field] 字段名
    [option] 可选值
    [unit] 空值 `()`
    [char] 单个字符
    [fact-value] 布尔值（true 或 false）或数字
    [value] 一个值
   *[other] `{ $text }`
}
shape-found = { $kind ->
    [bool] 布尔值 `{ $value }`
    [integer] 整数 `{ $value }`
    [float] 小数 `{ $value }`
    [char] 字符 `{ $value }`
    [string] 字符串 { $value }
    [bytes] 字节串
    [unit] 空值
    [option] 可选值
    [newtype] 包装值
    [list] 列表
    [map] 映射
    [enum] 枚举值
    [unit-variant] 枚举值
    [newtype-variant] 枚举值
    [tuple-variant] 枚举值
    [struct-variant] 枚举值
   *[other] `{ $text }`
}
ron-eof = 文件意外结束
ron-expected-opening = 此处应以 `{ $token }` 开始
ron-expected-closing = 此处应以 `{ $token }` 结束
ron-expected = 此处应为{ $what ->
    [boolean] 布尔值（true 或 false）
    [comma] 逗号 `,`
    [char] 单个字符
    [float] 数字
    [integer] 整数
    [option] 可选值
    [colon] 冒号 `:`
    [unit] 空值 `()`
    [string] 字符串
    [string-end] 字符串的结尾
   *[identifier] 名称
}
ron-other-record-name = 此处应为 `{ $expected }`，实际写的是 `{ $found }`
ron-expected-record = `{ $name }` 应以 `(` 开始
ron-expected-record-name = 此处应写明名称 `{ $name }`
ron-invalid-escape = 字符串中的转义序列无效
ron-integer-out-of-bounds = 整数超出范围
ron-unexpected-char = 意外的字符 { $char }
ron-trailing = 文档结束后还有多余的内容
ron-unclosed-comment = 块注释没有用 `*/` 结束
ron-invalid-value = 应为{ $expected }，实际为{ $found }
ron-invalid-length = 应为{ $expected }，实际有 { $n } 个元素
ron-none = { $what ->
    [fields] 这里不能有任何字段
   *[variants] 这里没有可选的取值
}
ron-one-of = { $n ->
    [1] 应为 { $last }
    [2] 应为 { $list } 或 { $last }
   *[other] 应为 { $list } 或 { $last } 之一
}
ron-unknown-variant = 未知的取值 `{ $found }`，{ $alternatives }
ron-unknown-variant-in = `{ $outer }` 中没有取值 `{ $found }`，{ $alternatives }
ron-unknown-field = 未知字段 `{ $found }`，{ $alternatives }
ron-unknown-field-in = `{ $outer }` 中没有字段 `{ $found }`，{ $alternatives }
ron-missing-field = 缺少字段 `{ $field }`
ron-missing-field-in = `{ $outer }` 缺少字段 `{ $field }`
ron-duplicate-field = 字段 `{ $field }` 重复
ron-duplicate-field-in = `{ $outer }` 中的字段 `{ $field }` 重复
ron-found = { $kind ->
    [bool] 布尔值 `{ $value }`
    [integer] 整数 `{ $value }`
    [signed] 整数 `{ $value }`
    [float] 小数 `{ $value }`
    [char] 字符 `{ $value }`
    [string] 字符串 { $value }
    [unit] 空值
    [option] 可选值
    [list] 列表
    [map] 映射
    [enum] 枚举值
   *[other] `{ $text }`
}
