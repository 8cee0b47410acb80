# 回放情景
replay-no-policies = 情景没有指定 `policies` 文件夹，当前位置也没有 ./policies
replay-no-policies-help = 请在项目文件夹中运行，或设置环境变量 `{ $env }`
replay-step-eval = 评估 { $data }
replay-step-edit = 编辑 { $file }：`{ $replace }` → `{ $with }`
replay-step-check = 校验
replay-check-ok = 通过：{ $n } 个指标
replay-against-before = 与编辑前的评估相比
replay-stands = 上一版有效政策（摘要 { $digest }）继续有效
replay-stands-with-result = 上一版有效政策（摘要 { $digest }）继续有效；最近一次评估结果不变：{ $name } { $period } 总分 { $score }，等级 { $grade }
replay-cannot-read = 无法读取：{ $error }
replay-edit-not-found = 编辑要查找的 `{ $text }` 不在文件中
replay-cannot-write = 无法写入：{ $error }
replay-cannot-copy = 无法复制政策文件：{ $error }
replay-step-expect = 检查预期
replay-expect-summary = 预期 { $n } 项，通过 { $met } 项
