<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ChatPane</name>
    <message>
        <location filename="../../desktop/chat/pane.py" line="128" />
        <source>This message is too long for the model's context. Shorten it, or split it into several messages.</source>
        <translation>这条消息超出了模型的上下文长度。请缩短它，或拆成几条消息。</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="132" />
        <source>Open Settings</source>
        <translation>打开设置</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="136" />
        <source>Prepare the model</source>
        <translation>准备模型</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="138" />
        <source>The answer failed: {error}. Try again, or choose another model in Settings.</source>
        <translation>回答失败：{error}。请重试，或在设置中选择其他模型。</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="153" />
        <source>Rename chat</source>
        <translation>重命名对话</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="154" />
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="161" />
        <source>Delete chat</source>
        <translation>删除对话</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="162" />
        <source>Delete “{title}” and all its messages? This cannot be undone.</source>
        <translation>删除“{title}”及其全部消息？此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="171" />
        <source>Export chat</source>
        <translation>导出对话</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="173" />
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="173" />
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/pane.py" line="183" />
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
        <location filename="../../desktop/chat/message_view.py" line="74" />
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="75" />
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
    <name>GlobalHotkey</name>
    <message>
        <location filename="../../desktop/selection/hotkey.py" line="29" />
        <source>Global shortcuts need an X11 session; this one is {platform}. Bind “penna translate --selection” to a key in your desktop's keyboard settings instead.</source>
        <translation>全局快捷键需要 X11 会话；当前会话是 {platform}。请改在桌面的键盘设置中把“penna translate --selection”绑定到一个按键。</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/hotkey.py" line="33" />
        <source>No X11 display is set (DISPLAY is empty).</source>
        <translation>未设置 X11 显示（DISPLAY 为空）。</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/hotkey.py" line="75" />
        <source>The key {key} has no X11 key code; choose another shortcut.</source>
        <translation>按键 {key} 没有对应的 X11 键码；请选择其他快捷键。</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/hotkey.py" line="88" />
        <source>{shortcut} is already taken by another application; choose another shortcut in Settings.</source>
        <translation>{shortcut} 已被其他应用占用；请在设置中选择其他快捷键。</translation>
    </message>
</context>
<context>
    <name>HistoryList</name>
    <message>
        <location filename="../../desktop/history_list.py" line="77" />
        <source>Search…</source>
        <translation>搜索…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/main_window.py" line="176" />
        <source>Penna</source>
        <translation>Penna</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="177" />
        <source>Chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="177" />
        <source>Translate</source>
        <translation>翻译</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="177" />
        <source>Summarize</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="180" />
        <source>{pane} (Ctrl+{key})</source>
        <translation>{pane} (Ctrl+{key})</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="182" />
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="182" />
        <source>Search conversations</source>
        <translation>搜索对话</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="182" />
        <source>Stop the answer</source>
        <translation>停止回答</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="183" />
        <source>Regenerate the last answer</source>
        <translation>重新生成上一个回答</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="183" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>MessageWidget</name>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="175" />
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="175" />
        <source>Penna</source>
        <translation>Penna</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="175" />
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="177" />
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="177" />
        <source>cut off at the length limit</source>
        <translation>达到长度上限被截断</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="177" />
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="179" />
        <source>Previous version</source>
        <translation>上一个版本</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="180" />
        <source>Next version</source>
        <translation>下一个版本</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="181" />
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="182" />
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="183" />
        <source>Edit this message and send it again; the old version is kept</source>
        <translation>编辑此消息并重新发送；旧版本会保留</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="184" />
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/message_view.py" line="185" />
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
        <location filename="../../desktop/notice.py" line="45" />
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
    <name>PennaTray</name>
    <message>
        <location filename="../../desktop/selection/tray.py" line="41" />
        <source>Penna</source>
        <translation>Penna</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/tray.py" line="42" />
        <source>Translate selection</source>
        <translation>翻译选中文本</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/tray.py" line="43" />
        <source>Translate clipboard</source>
        <translation>翻译剪贴板</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/tray.py" line="44" />
        <source>Show Penna</source>
        <translation>显示 Penna</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/tray.py" line="44" />
        <source>Quit</source>
        <translation>退出</translation>
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
    <name>SelectionTranslator</name>
    <message>
        <location filename="../../desktop/selection/controller.py" line="41" />
        <source>Loading the model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/controller.py" line="60" />
        <source>Nothing is selected. Select some text, then try again.</source>
        <translation>没有选中任何文本。请先选中一些文本，然后重试。</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/controller.py" line="62" />
        <source>Translating…</source>
        <translation>正在翻译…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="26" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="30" />
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="31" />
        <source>Add .gguf file…</source>
        <translation>添加 .gguf 文件…</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="32" />
        <source>Download from the hub…</source>
        <translation>从 Hub 下载…</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="41" />
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="41" />
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="41" />
        <source>CUDA (NVIDIA GPU)</source>
        <translation>CUDA（NVIDIA 显卡）</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="42" />
        <source>fp32 (exact)</source>
        <translation>fp32（精确）</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="42" />
        <source>int8 (smaller, faster)</source>
        <translation>int8（更小、更快）</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="43" />
        <source>fp16 (CUDA only)</source>
        <translation>fp16（仅限 CUDA）</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="46" />
        <source>0 always picks the likeliest word</source>
        <translation>0 表示总是选择可能性最高的词</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="48" />
        <source>0 turns top-k off</source>
        <translation>0 表示关闭 top-k</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="52" />
        <source>random</source>
        <translation>随机</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="61" />
        <source>Keep running in the tray when the window is closed</source>
        <translation>关闭窗口后在系统托盘中继续运行</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="64" />
        <source>This desktop shows no system tray.</source>
        <translation>此桌面没有系统托盘。</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="66" />
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="66" />
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="66" />
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="69" />
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="71" />
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="78" />
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="79" />
        <source>Precision:</source>
        <translation>精度：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="80" />
        <source>Sampling</source>
        <translation>采样</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="82" />
        <source>Temperature:</source>
        <translation>温度：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="82" />
        <source>Top-p:</source>
        <translation>Top-p：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="83" />
        <source>Top-k:</source>
        <translation>Top-k：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="83" />
        <source>Repetition penalty:</source>
        <translation>重复惩罚：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="84" />
        <source>Max new tokens:</source>
        <translation>最大生成词元数：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="84" />
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="86" />
        <source>Translating the selection</source>
        <translation>翻译选中文本</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="88" />
        <source>Translate into:</source>
        <translation>翻译为：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="89" />
        <source>Text already in that language into:</source>
        <translation>文本已是该语言时翻译为：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="90" />
        <source>Global shortcut:</source>
        <translation>全局快捷键：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="93" />
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="95" />
        <source>Theme:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="96" />
        <source>Language:</source>
        <translation>界面语言：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="140" />
        <source>Translates the text selected in any application while Penna runs. Without it, bind “penna translate --selection” in your desktop's settings.</source>
        <translation>Penna 运行时，可翻译任何应用中选中的文本。若不可用，请在桌面设置中绑定“penna translate --selection”。</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="202" />
        <source>Choose a Hugging Face model folder</source>
        <translation>选择 Hugging Face 模型文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="207" />
        <source>Choose a .gguf file</source>
        <translation>选择 .gguf 文件</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="207" />
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF 模型 (*.gguf)</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="212" />
        <source>Download a model</source>
        <translation>下载模型</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="213" />
        <source>Hugging Face model id (for example HuggingFaceTB/SmolLM2-360M-Instruct):</source>
        <translation>Hugging Face 模型 ID（例如 HuggingFaceTB/SmolLM2-360M-Instruct）：</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="225" />
        <source>Adding {source}…</source>
        <translation>正在添加 {source}…</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="247" />
        <source>Added {name}. It is prepared the first time it is used.</source>
        <translation>已添加 {name}。首次使用时会进行准备。</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="120" />
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="121" />
        <source>Unpin</source>
        <translation>取消置顶</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="121" />
        <source>Pin to the top</source>
        <translation>置顶</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="122" />
        <source>Export as Markdown…</source>
        <translation>导出为 Markdown…</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="123" />
        <source>Export as JSON…</source>
        <translation>导出为 JSON…</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="124" />
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="133" />
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="134" />
        <source>Start a new conversation (Ctrl+N)</source>
        <translation>开始新对话 (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="135" />
        <source>Search all chats (Ctrl+F)</source>
        <translation>搜索全部对话 (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desktop/chat/sidebar.py" line="136" />
        <source>Nothing found.</source>
        <translation>没有找到结果。</translation>
    </message>
</context>
<context>
    <name>SummarizePane</name>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="58" />
        <source>Past summaries</source>
        <translation>历史摘要</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="104" />
        <source>Waiting for the model to load…</source>
        <translation>正在等待模型加载…</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="116" />
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="134" />
        <source>Open a document</source>
        <translation>打开文档</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="135" />
        <source>Documents ({patterns})</source>
        <translation>文档 ({patterns})</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="156" />
        <source>{name}: {count} characters</source>
        <translation>{name}：{count} 个字符</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="159" />
        <source>Pasted text: {count} characters</source>
        <translation>粘贴的文本：{count} 个字符</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="160" />
        <source>Paste text below, or open or drop a document.</source>
        <translation>在下方粘贴文本，或打开、拖入一个文档。</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="197" />
        <source>Cancelled. The partial summary is shown but not kept in the history.</source>
        <translation>已取消。部分摘要仅作显示，不会保存到历史记录。</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="216" />
        <source>Save the summary</source>
        <translation>保存摘要</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="218" />
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="226" />
        <location filename="../../desktop/summarize/pane.py" line="246" />
        <source>Summary of {title}</source>
        <translation>{title} 的摘要</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="226" />
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="230" />
        <source>Could not write {path}: {error}</source>
        <translation>无法写入 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="250" />
        <source>Open file…</source>
        <translation>打开文件…</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="251" />
        <source>Paste the text to summarise here, or open or drop a document.</source>
        <translation>在此粘贴要摘要的文本，或打开、拖入一个文档。</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="252" />
        <source>Length:</source>
        <translation>长度：</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="252" />
        <source>Style:</source>
        <translation>样式：</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="252" />
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="254" />
        <source>Short</source>
        <translation>简短</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="254" />
        <source>Medium</source>
        <translation>中等</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="254" />
        <source>Long</source>
        <translation>详细</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="255" />
        <source>Paragraph</source>
        <translation>段落</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="255" />
        <source>Bullet points</source>
        <translation>要点列表</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="259" />
        <source>Same as the text</source>
        <translation>与原文相同</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="260" />
        <source>Summarize</source>
        <translation>生成摘要</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="261" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="262" />
        <source>chunk %v of %m</source>
        <translation>第 %v / %m 块</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="263" />
        <source>The summary appears here</source>
        <translation>摘要将显示在这里</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="264" />
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../desktop/summarize/pane.py" line="265" />
        <source>Save as Markdown…</source>
        <translation>另存为 Markdown…</translation>
    </message>
</context>
<context>
    <name>TextActions</name>
    <message>
        <location filename="../../desktop/text_actions.py" line="55" />
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../desktop/text_actions.py" line="60" />
        <source>Translate</source>
        <translation>翻译</translation>
    </message>
    <message>
        <location filename="../../desktop/text_actions.py" line="61" />
        <source>Summarize</source>
        <translation>摘要</translation>
    </message>
</context>
<context>
    <name>TranslatePane</name>
    <message>
        <location filename="../../desktop/translate/pane.py" line="47" />
        <source>Recent translations</source>
        <translation>最近的翻译</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="85" />
        <source>Waiting for the model to load…</source>
        <translation>正在等待模型加载…</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="103" />
        <source>Translating…</source>
        <translation>正在翻译…</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="128" />
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="130" />
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="176" />
        <source>Auto: {language}</source>
        <translation>自动：{language}</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="177" />
        <source>Detect language</source>
        <translation>检测语言</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="178" />
        <source>Language of the text</source>
        <translation>文本的语言</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="179" />
        <source>Translate into</source>
        <translation>翻译为</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="180" />
        <source>Swap the languages</source>
        <translation>交换语言</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="182" />
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="182" />
        <source>Translate</source>
        <translation>翻译</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="183" />
        <source>Translate (Ctrl+Enter)</source>
        <translation>翻译 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="184" />
        <source>Type or paste the text to translate</source>
        <translation>输入或粘贴要翻译的文本</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="185" />
        <source>The translation appears here</source>
        <translation>译文将显示在这里</translation>
    </message>
    <message>
        <location filename="../../desktop/translate/pane.py" line="186" />
        <source>Copy</source>
        <translation>复制</translation>
    </message>
</context>
<context>
    <name>TranslationPopup</name>
    <message>
        <location filename="../../desktop/selection/popup.py" line="54" />
        <source>{language} (detected)</source>
        <translation>{language}（检测到）</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/popup.py" line="54" />
        <source>Unknown language</source>
        <translation>未知语言</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/popup.py" line="88" />
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../desktop/selection/popup.py" line="89" />
        <source>Open in Penna</source>
        <translation>在 Penna 中打开</translation>
    </message>
</context>
</TS>