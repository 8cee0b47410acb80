# cli
cli-error = 错误：{ $message }
cli-check-ok = 通过：{ $root }（{ $scope }）：{ $indicators } 个指标，{ $triggers } 个触发条件，{ $scripts } 个脚本，摘要 { $digest }（{ $ms } 毫秒）
cli-check-scope-all = 基础规则和 { $n } 个行业
cli-progress-reading = 读取数据
cli-progress-checking = 校验并整理成员和信用事件
cli-progress-evaluating = 评估
cli-progress-done = 完成
cli-needs-policy-folder = 此命令需要政策文件夹：请用 `--policies DIR` 指定，或设置环境变量 `{ $env }`
cli-cannot-write = 无法写入输出：{ $error }
cli-cannot-write-stdout = 无法写入标准输出：{ $error }
cli-man-failed = 无法生成使用手册：{ $error }
cli-replay-failed = { $n } 项预期未通过
cli-init-bad-sector = `{ $name }` 不是有效的行业编号：请只用小写字母、数字和连字符，例如 `furniture`
cli-init-exists = `{ $folder }` 已存在
cli-init-cannot-create = 无法创建行业规则包：{ $error }
cli-init-created = 已创建 { $file }（摘要 { $digest }）；编辑后运行 `cogov check --sector { $name }` 校验

# 用法错误（命令行解析器报告的）。
cli-usage-unknown-argument = 无法识别的参数 `{ $arg }`
cli-usage-unknown-command = 无法识别的子命令 `{ $name }`
cli-usage-value-missing = 参数 `{ $arg }` 需要一个值，但没有给出
cli-usage-invalid-value = 参数 `{ $arg }` 的值 `{ $value }` 无效
cli-usage-invalid-value-because = 参数 `{ $arg }` 的值 `{ $value }` 无效：{ $reason }
cli-notice-date-invalid = `--notice-date` 须为 YYYY-MM-DD 格式的日期，而不是 `{ $value }`
cli-usage-possible-values = 可选值：{ $values }
cli-usage-missing = 缺少必需的参数：{ $args }
cli-usage-missing-command = `{ $name }` 需要一个子命令，但没有给出
cli-usage-commands = 可用的子命令：{ $names }
cli-usage-repeated = 参数 `{ $arg }` 不能重复使用
cli-usage-conflict = 参数 `{ $arg }` 不能与 { $others } 同时使用
cli-usage-conflict-others = 参数 `{ $arg }` 不能与已给出的其他参数同时使用
cli-usage-no-equals = 给参数 `{ $arg }` 赋值时需要写等号（`=`）
cli-usage-too-many = 参数 `{ $arg }` 多出了值 `{ $value }`，不需要更多的值
cli-usage-too-few = 参数 `{ $arg }` 需要 { $min } 个值，只给了 { $actual } 个
cli-usage-wrong-number = 参数 `{ $arg }` 需要 { $expected } 个值，实际给了 { $actual } 个
cli-usage-invalid-utf8 = 参数中有无效的 UTF-8 字符
cli-usage-failed = 无法读取命令行：{ $reason }
cli-usage-similar-argument = 提示：有相近的参数 { $names }
cli-usage-similar-command = 提示：有相近的子命令 { $names }
cli-usage-similar-value = 提示：有相近的值 { $names }
cli-usage-tip-as-value = 提示：若要把 `{ $arg }` 作为值传入，请写成 `{ $use }`
cli-usage-tip-exists = 提示：可以使用 `{ $what }`
cli-usage-tip-remove-dashes = 提示：有子命令 `{ $name }`；要使用它，请去掉前面的 `--`
cli-usage-tip = 提示：{ $text }
cli-usage-usage = 用法：{ $usage }
cli-usage-more = 更多信息请使用 `{ $flag }`。

# 帮助：标题。
cli-heading-commands = 命令：
cli-heading-arguments = 参数：
cli-heading-options = 选项：
cli-placeholder-options = [选项]
cli-placeholder-command = 命令
cli-help-possible-values = [可选值：{ $values }]
cli-help-value = { $name }：{ $text }
cli-help-default = [默认：{ $value }]
cli-man-name = 名称
cli-man-synopsis = 概要
cli-man-description = 说明
cli-man-options = 选项
cli-man-commands = 命令
cli-man-version = 版本

# 帮助：各命令的作用。
cli-about = 行业质量共治规则引擎（DB4406/T）
cli-about-check = 校验政策文件，列出所有问题
cli-about-eval = 评估一个协会某一期间的数据
cli-about-explain = 解释某项指标的得分或某个成员的信用
cli-about-replay = 回放情景中的各个步骤
cli-about-test = 运行情景中的预期并报告结果
cli-about-watch = 编辑时热重载：每次保存后重新评估，并列出变化
cli-long-about-watch = 编辑时热重载：每次保存后重新评估，并列出变化

    监视政策文件夹（整个文件夹被替换后继续跟随）以及数据文件和表格所在的文件夹。每一批保存之后重建整套政策：有效且能评估全部数据文件的政策替换正在使用的政策；无效的政策，或评估时出错的政策，被拒绝并列出问题，上一版有效政策继续使用。数据无效时保留上一次有效结果。启动时政策或数据无效，则等待修正。按 Ctrl-C 停止。
cli-about-diff = 修订影响对比：修订评分细则发布之前，看它会改变什么
cli-long-about-diff = 修订影响对比：修订评分细则发布之前，看它会改变什么

    在两个政策文件夹下分别评估每份数据，列出哪些结果变动，以及有多少协会和成员的等级改变。情景提供其 `Eval` 步骤的数据（不执行其中的编辑）。任一套政策或其下任一份数据无效时，退出码为 1。
cli-about-show = 列出生效的规则，并标出行业规则包改动之处
cli-about-init = 新建一个行业规则包（尚未作任何改动），或用 --test 新建情景
cli-about-archive = 质量信用档案：保存协会和成员的信用并查阅
cli-about-archive-record = 追加记录：评估数据并把结果作为一次运行存档；已存档的运行不会重复写入
cli-about-archive-history = 信用档案：某个成员在各个已存档期间的信用及其原因，或某个协会的各次运行
cli-about-archive-list = 期间信用：某一期间的协会和成员的信用
cli-about-archive-verify = 校验档案：重新计算哈希链，报告每一次不再相符的运行
cli-about-completions = 输出 bash、zsh、fish 或 powershell 的命令补全脚本
cli-long-about-completions = 输出 bash、zsh、fish 或 powershell 的命令补全脚本

    bash：`cogov completions bash > /etc/bash_completion.d/cogov`；zsh：保存为 `_cogov`，放在 `$fpath` 中的某个文件夹里；fish：`cogov completions fish > ~/.config/fish/completions/cogov.fish`。
cli-about-man = 输出 roff 格式的使用手册：`cogov man > cogov.1; man ./cogov.1`
cli-about-help = 显示本帮助，或指定子命令的帮助

# 帮助：各参数。
cli-help-lang = 所有消息和报告的语言：zh（中文，默认）或 en（英文）；未指定时依次取环境变量 `COGOV_LANG` 和系统区域设置
cli-help-help = 显示帮助
cli-help-help-more = 显示帮助（`--help` 显示更多）
cli-help-help-summary = 显示帮助（`-h` 显示摘要）
cli-help-version = 显示版本
cli-help-policies = 政策文件夹（默认：随附的 `policies/`）
cli-help-sector = 行业规则包（默认：数据声明的行业）
cli-help-format = 输出格式
cli-help-db = 信用档案文件（默认：当前文件夹中的 cogov-archive.sqlite）
cli-help-max-rows = 表格工作簿每个工作表最多的行数；超出的工作簿不读取，直接拒绝
cli-help-max-columns = 表格工作簿每个工作表最多的列数
cli-help-max-cells = 表格工作簿所有工作表合计最多的单元格数，每行计到其最后一个有内容的单元格
cli-help-max-inflated-mb = 表格工作簿各部分解压后合计最多的 MB 数（压缩炸弹不读取，直接拒绝）
cli-help-check-deny-warnings = 把警告（有效但可能并非本意）当作错误
cli-help-eval-data = 协会数据文件（.ron 或 .json，或填好的数据模板 .xlsx），其后可跟要并入的成员名册、抽查结果或信用事件表（.csv 或 .xlsx）
cli-help-eval-previous = 上一期间的评估结果（`eval --format json` 输出的 JSON）
cli-help-eval-archive = 从信用档案读取上期评估结果（未给出 `--previous` 时）和成员此前的等级：本协会在本期间开始前结束的最近一次运行
cli-help-eval-output = 写入文件，而不是输出到终端
cli-help-eval-all = 在表格中列出全部成员预警和行动（不加时只列前 12 项，其余计数）
cli-help-notice-date = 表格所属监督抽查通报的日期：导入政策按通报日期确定抽查日期的各行（`date_from`）取此日期
cli-help-show-all = 完整列出行业规则包改动的值（不加时过长的值截至 60 个字符）
cli-help-explain-data = 协会数据文件（.ron 或 .json，或填好的数据模板 .xlsx），其后可跟数据表（.csv 或 .xlsx）
cli-help-explain-previous = 上一期间的评估结果
cli-help-explain-indicator = 要解释的指标，例如 C17
cli-help-explain-member = 要解释的成员，以统一社会信用代码指定
cli-help-replay-scenario = 情景文件（scenarios/<名称>/scenario.ron）或其所在文件夹
cli-help-watch-data = 协会数据文件（.ron 或 .json，或填好的数据模板 .xlsx），每个后面可跟要并入它的会员名录、抽查结果或信用事件表格（.csv 或 .xlsx）；其所在文件夹也会被监视
cli-help-diff-from = 现行的政策文件夹
cli-help-diff-to = 修订后的政策文件夹
cli-help-diff-sector = 行业规则包（默认：情景指定的行业，否则为数据声明的行业）
cli-help-diff-inputs = 数据文件和情景（取每个 `Eval` 步骤的数据）
cli-value-diff-format-table = 适合终端的对齐文本
cli-value-diff-format-json = JSON（`cogov.diff/1`）
cli-help-init-target = 行业编号：小写字母、数字和连字符，例如 `furniture`；与 --test 同用时为情景评估的数据文件
cli-help-init-test = 改为新建情景 `scenarios/NAME/`：复制数据文件，并按当前评估结果填写预期
cli-help-archive-record-data = 协会数据文件（.ron 或 .json，或填好的数据模板 .xlsx），其后是任意表格（.csv 或 .xlsx）
cli-help-archive-record-previous = 上一期间的评估结果（默认：档案中本协会此前最近的一次运行）
cli-help-archive-record-outcome = 评估结果文件（`cogov eval --format json`），仅当它与重新评估的结果相同时才存档
cli-help-archive-record-supersedes = 记录对这一次当前运行的更正
cli-help-archive-record-reason = 更正的原因
cli-help-archive-history-code = 成员或协会的统一社会信用代码
cli-help-archive-list-period = 期间标签，例如 2024
cli-help-completions-shell = 命令行外壳（shell）
cli-help-test-paths = 情景文件夹或文件，或包含情景文件夹的文件夹（默认：./scenarios）
cli-help-test-coverage = 报告情景覆盖了哪些规则：按规则类型、政策文件和行业规则集
cli-help-test-annotate = 把每个政策文件复制到 DIR，在每条规则所在行标注 ✓（已覆盖）或 ✗（未覆盖）
cli-help-test-threshold = 覆盖的规则少于 N % 时判为失败
cli-help-test-output = 把报告写入文件，而不是输出到终端
cli-value-test-format-table = 每个情景一行，其后列出未通过的预期
cli-value-test-format-junit = 供持续集成系统读取的 JUnit XML（文字报告输出到标准错误）
cli-value-test-format-json = 覆盖率 JSON（`cogov.coverage/1`，文字报告输出到标准错误）
