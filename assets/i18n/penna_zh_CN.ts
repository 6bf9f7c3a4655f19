<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ChatPane</name>
    <message>
        <location filename="../../desktop/chat/pane.py" line="167" />
        <source>This message is too long for the model's context. Shorten it, or split it into several messages.</source>
        <translation>这条消息超出了模型的上下文长度。请缩短它，或拆成几条消息。</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="171" />
        <source>Open Settings</source>
        <translation>打开设置</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="175" />
        <source>Prepare the model</source>
        <translation>准备模型</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="177" />
        <source>The answer failed: {error}. Try again, or choose another model in Settings.</source>
        <translation>回答失败：{error}。请重试，或在设置中选择其他模型。</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="192" />
        <source>Rename chat</source>
        <translation>重命名对话</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="193" />
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="200" />
        <source>Delete chat</source>
        <translation>删除对话</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="201" />
        <source>Delete “{title}” and all its messages? This cannot be undone.</source>
        <translation>删除“{title}”及其全部消息？此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="210" />
        <source>Export chat</source>
        <translation>导出对话</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="212" />
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="212" />
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="222" />
        <source>Could not write {path}: {error}</source>
        <translation>无法写入 {path}：{error}</translation>
    </message>
</context>
<context>
    <name>ChatSession</name>
    <message>
        <location filename="../../desktop/chat/session.py" line="85" />
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/session.py" line="213" />
        <source>The conversation is longer than the model's context: the {n} oldest turns were left out of this answer.</source>
        <translation>对话超出了模型的上下文长度：本次回答省略了最早的 {n} 轮。</translation>
    </message>
</context>
<context>
    <name>CodeBlock</name>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="68" />
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="69" />
        <source>Copy this code</source>
        <translation>复制这段代码</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../desktop/chat/composer.py" line="110" />
        <source>System prompt for this conversation (optional)</source>
        <translation>本对话的系统提示词（可选）</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/composer.py" line="111" />
        <source>Write a message — Enter sends, Shift+Enter starts a new line</source>
        <translation>输入消息 — Enter 发送，Shift+Enter 换行</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/composer.py" line="112" />
        <source>Editing an earlier message: sending starts a new branch, the old one is kept.</source>
        <translation>正在编辑之前的消息：发送后会开启新的分支，旧分支保留。</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/composer.py" line="113" />
        <source>Cancel editing</source>
        <translation>取消编辑</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/composer.py" line="114" />
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/composer.py" line="114" />
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/composer.py" line="115" />
        <source>Stop the answer (Esc)</source>
        <translation>停止回答 (Esc)</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/composer.py" line="115" />
        <source>Send (Enter)</source>
        <translation>发送 (Enter)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/main_window.py" line="41" />
        <source>Translate text between languages — coming in this pane.</source>
        <translation>在不同语言之间翻译文本 — 即将在此面板推出。</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="42" />
        <source>Summarize long text and documents — coming in this pane.</source>
        <translation>总结长文本和文档 — 即将在此面板推出。</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="95" />
        <source>Penna</source>
        <translation>Penna</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="96" />
        <source>Chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="96" />
        <source>Translate</source>
        <translation>翻译</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="96" />
        <source>Summarize</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="99" />
        <source>{pane} (Ctrl+{key})</source>
        <translation>{pane} (Ctrl+{key})</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="101" />
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="101" />
        <source>Search conversations</source>
        <translation>搜索对话</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="101" />
        <source>Stop the answer</source>
        <translation>停止回答</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="102" />
        <source>Regenerate the last answer</source>
        <translation>重新生成上一个回答</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="102" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>MessageWidget</name>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="169" />
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="169" />
        <source>Penna</source>
        <translation>Penna</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="169" />
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="171" />
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="171" />
        <source>cut off at the length limit</source>
        <translation>达到长度上限被截断</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="171" />
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="173" />
        <source>Previous version</source>
        <translation>上一个版本</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="174" />
        <source>Next version</source>
        <translation>下一个版本</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="175" />
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="176" />
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="177" />
        <source>Edit this message and send it again; the old version is kept</source>
        <translation>编辑此消息并重新发送；旧版本会保留</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="178" />
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="179" />
        <source>Write this answer again (Ctrl+Shift+R)</source>
        <translation>重新写这个回答 (Ctrl+Shift+R)</translation>
    </message>
</context>
<context>
    <name>ModelSession</name>
    <message>
        <location filename="../../desktop/model_session.py" line="58" />
        <source>The model has not been prepared yet. Choose “Prepare the model” to start again.</source>
        <translation>模型尚未准备好。请点击“准备模型”重新开始。</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <location filename="../../desktop/chat/pane.py" line="59" />
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>PennaStatusBar</name>
    <message>
        <location filename="../../desktop/status_bar.py" line="49" />
        <source>Model: {name}</source>
        <translation>模型：{name}</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="49" />
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="51" />
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="54" />
        <source>{device} (fallback)</source>
        <translation>{device}（回退）</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="58" />
        <source>The device the model runs on</source>
        <translation>模型运行所在的设备</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="62" />
        <source>{speed:.1f} tok/s · {prompt} in, {completion} out</source>
        <translation>{speed:.1f} 词元/秒 · 输入 {prompt}，输出 {completion}</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="69" />
        <source>Context %p%</source>
        <translation>上下文 %p%</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="70" />
        <source>{used} of {total} tokens of the model's context are used</source>
        <translation>已使用模型上下文 {total} 个词元中的 {used} 个</translation>
    </message>
</context>
<context>
    <name>PrepareModelDialog</name>
    <message>
        <location filename="../../desktop/first_run.py" line="26" />
        <source>Preparing the model</source>
        <translation>正在准备模型</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run.py" line="34" />
        <source>Penna converts the model once so that it runs fast on this computer. This takes about a minute; the window stays usable meanwhile.</source>
        <translation>Penna 会对模型做一次转换，使其在这台电脑上快速运行。这大约需要一分钟，期间窗口仍可使用。</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run.py" line="44" />
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run.py" line="63" />
        <source>Fetch the weights</source>
        <translation>获取权重</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run.py" line="64" />
        <source>Convert to a standard format</source>
        <translation>转换为标准格式</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run.py" line="65" />
        <source>Export to ONNX</source>
        <translation>导出为 ONNX</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run.py" line="66" />
        <source>Quantize to 8 bits</source>
        <translation>量化为 8 位</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run.py" line="121" />
        <source>The model could not be prepared: {error}</source>
        <translation>无法准备模型：{error}</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run.py" line="127" />
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="24" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="28" />
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="29" />
        <source>Add .gguf file…</source>
        <translation>添加 .gguf 文件…</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="30" />
        <source>Download from the hub…</source>
        <translation>从 Hub 下载…</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="39" />
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="39" />
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="39" />
        <source>CUDA (NVIDIA GPU)</source>
        <translation>CUDA（NVIDIA 显卡）</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="40" />
        <source>fp32 (exact)</source>
        <translation>fp32（精确）</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="40" />
        <source>int8 (smaller, faster)</source>
        <translation>int8（更小、更快）</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="41" />
        <source>fp16 (CUDA only)</source>
        <translation>fp16（仅限 CUDA）</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="44" />
        <source>0 always picks the likeliest word</source>
        <translation>0 表示总是选择可能性最高的词</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="46" />
        <source>0 turns top-k off</source>
        <translation>0 表示关闭 top-k</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="50" />
        <source>random</source>
        <translation>随机</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="52" />
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="52" />
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="52" />
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="55" />
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="57" />
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="64" />
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="65" />
        <source>Precision:</source>
        <translation>精度：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="66" />
        <source>Sampling</source>
        <translation>采样</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="68" />
        <source>Temperature:</source>
        <translation>温度：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="68" />
        <source>Top-p:</source>
        <translation>Top-p：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="69" />
        <source>Top-k:</source>
        <translation>Top-k：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="69" />
        <source>Repetition penalty:</source>
        <translation>重复惩罚：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="70" />
        <source>Max new tokens:</source>
        <translation>最大生成词元数：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="70" />
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="72" />
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="74" />
        <source>Theme:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="75" />
        <source>Language:</source>
        <translation>界面语言：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="167" />
        <source>Choose a Hugging Face model folder</source>
        <translation>选择 Hugging Face 模型文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="172" />
        <source>Choose a .gguf file</source>
        <translation>选择 .gguf 文件</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="172" />
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF 模型 (*.gguf)</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="177" />
        <source>Download a model</source>
        <translation>下载模型</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="178" />
        <source>Hugging Face model id (for example HuggingFaceTB/SmolLM2-360M-Instruct):</source>
        <translation>Hugging Face 模型 ID（例如 HuggingFaceTB/SmolLM2-360M-Instruct）：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="190" />
        <source>Adding {source}…</source>
        <translation>正在添加 {source}…</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="212" />
        <source>Added {name}. It is prepared the first time it is used.</source>
        <translation>已添加 {name}。首次使用时会进行准备。</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="116" />
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="117" />
        <source>Unpin</source>
        <translation>取消置顶</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="117" />
        <source>Pin to the top</source>
        <translation>置顶</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="118" />
        <source>Export as Markdown…</source>
        <translation>导出为 Markdown…</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="119" />
        <source>Export as JSON…</source>
        <translation>导出为 JSON…</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="120" />
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="129" />
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="130" />
        <source>Start a new conversation (Ctrl+N)</source>
        <translation>开始新对话 (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="131" />
        <source>Search all chats (Ctrl+F)</source>
        <translation>搜索全部对话 (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="132" />
        <source>Nothing found.</source>
        <translation>没有找到结果。</translation>
    </message>
</context>
</TS>