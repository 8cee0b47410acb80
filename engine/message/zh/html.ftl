# html：HTML 报告（由政策中的模板生成）及模板的检查。

## 报告模板的检查：载入政策时编译每个模板，并用试运行数据渲染一次。
template-syntax = 模板语法有误：`{ $detail }`
template-syntax-help = 标签须成对书写：`{"{"}% if … %{"}"}…{"{"}% endif %{"}"}`、`{"{"}% for … %{"}"}…{"{"}% endfor %{"}"}`；输出值写作 `{"{"}{"{"} 名称 {"}"}{"}"}`
template-unknown-filter = 模板使用了不存在的过滤器 `{ $name }`
template-unknown-filter-help = 可用的过滤器见 README 的“HTML 报告”一节，例如 `length`、`join`、`upper`、`default`
template-unknown-test = 模板使用了不存在的判断 `{ $name }`
template-unknown-function = 模板调用了不存在的函数 `{ $name }`
template-undefined = 模板使用了报告中没有的值 `{ $expr }`
template-context-has = 报告模板顶层可用：{ $names }；词语写作 `w.名称`
template-not-found = 模板引用的文件不存在：`{ $detail }`；现有模板：{ $known }
template-too-long = 模板运行时间过长，已被停止（可能循环过多）
template-failed = 模板渲染出错：`{ $detail }`
template-missing = 缺少报告模板 `{ $name }`
template-missing-help = `--format html` 用它生成报告；可从随程序发布的 policies/base/templates/ 复制
template-doing-probe-full = 用各部分都有内容的试运行数据渲染 { $template } 时发现
template-doing-probe-empty = 用各部分都为空的试运行数据渲染 { $template } 时发现

## 报告中的词语（模板中写作 `w.名称`）。
html-title = 行业质量共治评价报告
html-summary = 概况
html-association = 协会
html-period-end = 期末
html-sector = 行业
html-share = 得分率
html-charts = 图表
html-chart-levels = 一级、二级指标得分与满分
html-chart-indicators = 三级指标得分率
html-chart-credit = 成员信用等级分布
html-chart-trend = 与上期对比（得分率）
html-indicators = 指标得分
html-reasons = 评分依据
html-indicator = 指标
html-distribution = 等级分布
html-actions-by-grade = 各信用等级的奖惩措施
html-member-list = 成员信用明细
html-credit-score = 信用分
html-warnings = 预警
html-trend = 与上期对比
html-change = 总分变化
html-provenance = 来源与说明
html-evaluated-as-of = 评估基准日
html-version = cogov 版本
html-policy-digest = 政策文件摘要
html-data-digest = 数据文件摘要
html-standard = 依据标准
html-standard-name = DB4406/T《制造业行业质量共治实施指南》
html-policy-note = 各项分值、评价等级和信用等级分档由所用政策文件设定，不是标准本身的规定。
html-generated-by = 由 cogov 依据政策文件生成
