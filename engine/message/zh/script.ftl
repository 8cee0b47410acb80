# script：Rhai 脚本（评分脚本和触发条件脚本）的编译与运行。

## 载入脚本时的检查。
script-compile = 脚本无法编译：{ $error }
script-no-entry = 脚本中没有 `fn { $entry }(ctx)`
script-no-entry-help = 此处使用的脚本必须定义 `fn { $entry }(ctx) {"{"} … {"}"}`
script-redefines-api = 脚本定义了 `fn { $name }`，而这是提供给脚本使用的函数
script-redefines-api-help = 请给这个函数换个名字：脚本不能替换提供给它的接口
script-unknown-property = 脚本读取了 `ctx.{ $property }`，但上下文中没有这一项
script-context-has = 上下文提供：{ $properties }
script-unknown-call = 脚本调用了 `{ $call }`，但脚本不能使用这个函数
script-unknown-call-help = 脚本可以调用自己定义的函数、脚本语言的标准函数和上下文提供的函数：fact、previous_fact、evidence、count、rate、param、num
script-max-points = `fn { $name }()` 必须返回大于 0 的数
script-max-points-help = 它表示评分脚本最多给出的分数，例如 `fn max_points() {"{"} 7.0 {"}"}`
script-doing-max-points = 读取 `fn { $name }()`

## 脚本运行出错：出了什么错，出错时脚本在做什么。
script-while = { $doing }时，{ $what }
script-too-long = 脚本运行时间过长，已被停止（可能陷入了死循环）
script-too-large = 脚本生成的{ $kind ->
        [string] 字符串
        [array] 数组
        [map] 映射
       *[other] 值
    }过大，已被停止
script-too-deep = 脚本的函数调用层次过深，已被停止
script-failed = 脚本出错：{ $cause }

## 评分脚本的返回值。
script-scorer-returns = 评分脚本应返回 `#{"{"} points: <数>, reasons: ["…"] {"}"}`
script-scorer-not-map = 评分脚本的返回值不是映射
script-scorer-no-points = 评分脚本的返回值中没有 `points`
script-scorer-points-type = `points` 必须是数，实际类型为 `{ $found }`
script-scorer-points-range = 评分脚本给出 { $points } 分，超出了 0 到 { $max } 的范围
script-scorer-reasons-list = `reasons` 必须是列表
script-scorer-reason-type = 每条理由都必须是字符串或 `#{"{"} zh, en {"}"}`
script-scorer-no-reason = 评分脚本给出 { $points } 分，但没有给出理由

## 脚本接口自身报告的错误。
script-comparer-inconsistent = 比较函数给出的顺序前后矛盾
script-comparer-result = 比较函数必须返回数或 `true`/`false`，实际类型为 `{ $found }`
script-undeclared = { $what ->
        [fact] 事实
        [parameter] 参数
       *[evidence] 证据类型
    } `{ $key }` 不在政策为此脚本列出的 `{ $list }` 清单中

## Rhai 的运行错误。
script-thrown = `{ $text }`
script-thrown-nothing = 脚本抛出了一个没有内容的错误
script-syntax = 语法错误：{ $error }
script-variable-exists = 变量 `{ $name }` 已经定义
script-forbidden-variable = 不允许使用变量名 `{ $name }`
script-variable-not-found = 变量 `{ $name }` 不存在
script-property-not-found = 属性 `{ $name }` 不存在
script-index-not-found = 下标 `{ $index }` 无效
script-function-not-found = 找不到函数 `{ $signature }`
script-module-not-found = 找不到模块 `{ $name }`
script-unbound-this = `this` 没有绑定
script-data-type = { $form ->
        [both] 数据类型不对：实际为 `{ $actual }`，应为 `{ $expected }`
        [expected] 数据类型不对，应为 `{ $expected }`
       *[actual] 数据类型不对：实际为 `{ $actual }`
    }
script-output-type = { $form ->
        [both] 返回值类型不对：实际为 `{ $actual }`，应为 `{ $expected }`
        [expected] 返回值类型不对，应为 `{ $expected }`
       *[actual] 返回值类型不对：实际为 `{ $actual }`
    }
script-indexing-type = 类型 `{ $type }` 不能用下标取值
script-array-bounds = { $max ->
        [0] 数组下标 { $index } 越界：数组为空
       *[other] 数组下标 { $index } 越界：数组只有 { $max } 个元素
    }
script-string-bounds = { $max ->
        [0] 字符串下标 { $index } 越界：字符串为空
       *[other] 字符串下标 { $index } 越界：字符串只有 { $max } 个字符
    }
script-bit-field-bounds = 位下标 { $index } 越界：只有 { $max } 位
script-for-not-iterable = `for` 循环需要可以逐项遍历的值
script-constant-method = 不能对常量调用会修改它的方法 `{ $name }`
script-assign-constant = 不能修改常量 `{ $name }`
script-division-by-zero = 除数为零：`{ $expr }`
script-modulo-by-zero = 取余时除数为零或溢出：`{ $expr }`
script-negative-power = 整数不能取负数次幂：`{ $expr }`
script-overflow = { $op ->
        [addition] 加法
        [subtraction] 减法
        [multiplication] 乘法
        [division] 除法
        [negation] 取负
       *[power] 乘方
    }溢出：`{ $expr }`
script-integer-overflow = 整数溢出
script-arithmetic = 算术错误 `{ $text }`
script-too-many-variables = 脚本定义的变量过多
script-terminated = 脚本被终止
script-rhai-error = 脚本引擎报告错误 `{ $text }`

## Rhai 的语法错误。
script-parse-incomplete = 脚本不完整（意外结束）
script-parse-unexpected = 此处不应出现 `{ $token }`
script-parse-unterminated-string = 字符串没有结束的引号
script-parse-string-too-long = 字符串过长（最多 { $max } 个字符）
script-parse-bad-escape = 无效的转义序列 `{ $text }`
script-parse-bad-number = 无效的数字 `{ $text }`
script-parse-bad-char = 无效的字符 `{ $text }`
script-parse-bad-identifier = 变量名不合规：`{ $text }`
script-parse-invalid-symbol = 无效的符号 `{ $token }`
script-parse-disabled = { $what ->
        [keyword] 关键字
       *[symbol] 符号
    } `{ $token }` 在脚本中被禁用
script-parse-improper-symbol = 无效的符号 `{ $token }`
script-parse-improper-symbol-instead = 无效的符号 `{ $token }`，是否应为 `{ $instead }`？
script-parse-other = 语法有误 `{ $text }`
script-parse-unknown-operator = 未知的运算符 `{ $token }`
script-parse-missing-token = 缺少 `{ $token }`{ $context }
script-parse-missing-symbol = 此处缺少符号
script-parse-expect-integer = 此处应为整数
script-parse-expect-float = 此处应为小数
script-parse-expect-string = 此处应为字符串
script-parse-expect-bool = 此处应为 `true` 或 `false`
script-parse-bad-index = 下标表达式无效
script-parse-bad-capture = 变量捕获无效
script-parse-duplicated-property = 映射中的属性 `{ $name }` 重复
script-parse-duplicated-variable = 变量名 `{ $name }` 重复
script-parse-switch-integer-case = `switch` 中的数值分支不能跟在范围分支之后
script-parse-switch-default-case = `switch` 的默认分支必须放在最后
script-parse-switch-case-condition = 这个 `switch` 分支不能带条件
script-parse-property-expected = 此处需要属性名
script-parse-variable-expected = 此处需要变量名
script-parse-reserved = `{ $name }` 是保留的{ $what ->
        [keyword] 关键字
       *[symbol] 符号
    }
script-parse-mismatched-type = 此处应为 `{ $expected }`，而不是 `{ $actual }`
script-parse-expr-expected = 此处缺少表达式（应为 `{ $what }`）
script-parse-doc-comment = 文档注释后面必须紧跟函数定义
script-parse-fn-not-global = 函数必须在最外层定义，不能写在代码块或其他函数中
script-parse-fn-duplicated = 函数 `{ $name }`（{ $n } 个参数）已经定义过
script-parse-fn-missing-name = `fn` 后面缺少函数名
script-parse-fn-missing-params = 函数 `{ $name }` 缺少参数列表
script-parse-fn-duplicated-param = 函数 `{ $name }` 的参数 `{ $param }` 重复
script-parse-closure-missing-body = 匿名函数缺少函数体
script-parse-fn-missing-body = 函数 `{ $name }` 缺少函数体
script-parse-export = `export` 语句只能写在最外层
script-parse-assign-constant-value = 不能给常量赋值
script-parse-assign-constant = 不能给常量 `{ $name }` 赋值
script-parse-not-assignable = 这个表达式不能被赋值
script-parse-variable-undefined = 变量 `{ $name }` 未定义
script-parse-module-undefined = 模块 `{ $name }` 未定义
script-parse-too-deep = 表达式嵌套过深
script-parse-too-many-functions = 定义的函数数量超过上限
script-parse-literal-too-large = 字面量过大（`{ $what }` 超过上限 { $max }）
script-parse-loop-break = `break` 只能用在循环中

## 缺少的符号本应起的作用。
script-token-close-call = ，以结束函数调用 `{ $name }` 的参数列表
script-token-separate-arguments = ，以分隔函数调用 `{ $name }` 的参数
script-token-close-params = ，以结束函数 `{ $name }` 的参数列表
script-token-end-statement = ，以结束这条语句
script-token-start-block = ，以开始语句块
script-token-end-block = ，以结束语句块
script-token-match-paren = ，与表达式中的 `(` 配对
script-token-match-bracket = ，与下标表达式中的 `[` 配对
script-token-array-items = ，以分隔数组中的各项
script-token-map-items = ，以分隔映射中的各项
script-token-start-call = ，以开始函数调用的参数列表
script-token-other = {""}
script-doing-probe = 以不报告任何数据的空数据试算评分细则 { $criterion }
script-doing-example = 核对评分细则 { $criterion } 的第 { $n } 个示例
script-doing-scoring = 为指标 { $indicator } 评分（评分细则 { $criterion }）
script-doing-trigger = 用触发条件 `{ $trigger }` 检查指标 { $indicator }
