"""Which language a text is in, offline, even for two or three words.

The writing system decides first: Hangul is Korean, Kana is Japanese, Han alone is Chinese (simplified or
traditional by the characters that differ), Greek, Hebrew, Devanagari and Thai each name one language.
Within Latin, Cyrillic and Arabic script, lingua-language-detector (which ships its models) chooses among
the supported languages of that script only, which keeps short inputs from wandering off to languages
Penna does not offer.
"""

from __future__ import annotations

import functools
import logging
import unicodedata
from dataclasses import dataclass

from lingua import Language as LinguaLanguage
from lingua import LanguageDetector, LanguageDetectorBuilder

from runtime.errors import UnsupportedLanguageError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47 tag
    name: str  # English name, used in prompts
    native: str  # how speakers write it, used in menus


LANGUAGES: tuple[Language, ...] = (
    Language("en", "English", "English"),
    Language("zh-Hans", "Simplified Chinese", "简体中文"),
    Language("zh-Hant", "Traditional Chinese", "繁體中文"),
    Language("ja", "Japanese", "日本語"),
    Language("ko", "Korean", "한국어"),
    Language("fr", "French", "Français"),
    Language("de", "German", "Deutsch"),
    Language("es", "Spanish", "Español"),
    Language("pt", "Portuguese", "Português"),
    Language("it", "Italian", "Italiano"),
    Language("nl", "Dutch", "Nederlands"),
    Language("pl", "Polish", "Polski"),
    Language("tr", "Turkish", "Türkçe"),
    Language("vi", "Vietnamese", "Tiếng Việt"),
    Language("ru", "Russian", "Русский"),
    Language("uk", "Ukrainian", "Українська"),
    Language("ar", "Arabic", "العربية"),
    Language("fa", "Persian", "فارسی"),
    Language("he", "Hebrew", "עברית"),
    Language("el", "Greek", "Ελληνικά"),
    Language("hi", "Hindi", "हिन्दी"),
    Language("th", "Thai", "ไทย"),
)

_BY_CODE = {language.code.lower(): language for language in LANGUAGES}
_ALIASES = {
    "zh": "zh-Hans", "zh-cn": "zh-Hans", "zh-sg": "zh-Hans", "zh-tw": "zh-Hant", "zh-hk": "zh-Hant",
    "chinese": "zh-Hans", "simplified chinese": "zh-Hans", "traditional chinese": "zh-Hant",
}

# Lingua candidates per script; languages with a script of their own never reach lingua.
_LINGUA = {
    "Latin": {
        "en": LinguaLanguage.ENGLISH, "fr": LinguaLanguage.FRENCH, "de": LinguaLanguage.GERMAN,
        "es": LinguaLanguage.SPANISH, "pt": LinguaLanguage.PORTUGUESE, "it": LinguaLanguage.ITALIAN,
        "nl": LinguaLanguage.DUTCH, "pl": LinguaLanguage.POLISH, "tr": LinguaLanguage.TURKISH,
        "vi": LinguaLanguage.VIETNAMESE,
    },
    "Cyrillic": {"ru": LinguaLanguage.RUSSIAN, "uk": LinguaLanguage.UKRAINIAN},
    "Arabic": {"ar": LinguaLanguage.ARABIC, "fa": LinguaLanguage.PERSIAN},
}
_SINGLE_LANGUAGE_SCRIPTS = {"Hangul": "ko", "Kana": "ja", "Greek": "el", "Hebrew": "he", "Devanagari": "hi", "Thai": "th"}

# Characters written differently in simplified and traditional Chinese, as "simplified traditional" pairs
# (common ones; characters that also occur unchanged in the other form, such as 后 and 著, are left out).
CHINESE_PAIRS: tuple[str, ...] = tuple(
    (
        "这這 个個 们們 来來 时時 说說 国國 会會 对對 发發 学學 问問 还還 没沒 经經 过過 为為 么麼 实實 现現 动動 长長 开開 关關 东東 见見 门門 书書 车車 马馬 鸟鳥 鱼魚 语語 话話 读讀 "
        "写寫 电電 体體 点點 种種 进進 边邊 头頭 间間 应應 处處 听聽 认認 让讓 请請 谢謝 买買 卖賣 钱錢 银銀 铁鐵 热熱 爱愛 号號 医醫 样樣 机機 业業 务務 华華 汉漢 广廣 网網 乐樂 气氣 "
        "飞飛 记記 论論 设設 计計 员員 区區 级級 济濟 产產 场場 报報 变變 总總 统統 领領 导導 决決 议議 识識 历歷 战戰 争爭 农農 给給 从從 众眾 优優 伤傷 价價 亿億 儿兒 兴興 养養 军軍 "
        "准準 则則 刚剛 创創 别別 办辦 劳勞 势勢 单單 卫衛 厂廠 压壓 县縣 参參 双雙 吗嗎 启啟 响響 园園 围圍 图圖 圣聖 坏壞 块塊 岁歲 师師 带帶 帮幫 庆慶 库庫 张張 强強 录錄 忆憶 态態 "
        "怀懷 惯慣 户戶 护護 担擔 择擇 换換 据據 无無 旧舊 显顯 术術 杂雜 条條 极極 构構 标標 树樹 桥橋 检檢 欢歡 岛島 毕畢 汇匯 测測 温溫 湾灣 灯燈 灵靈 烟煙 独獨 猫貓 环環 画畫 疗療 "
        "盖蓋 监監 盘盤 码碼 确確 离離 积積 称稱 竞競 笔筆 节節 简簡 类類 纪紀 约約 纸紙 线線 练練 组組 细細 终終 结結 络絡 绝絕 继繼 续續 维維 绿綠 编編 罗羅 职職 联聯 脑腦 脸臉 艺藝 "
        "苏蘇 药藥 获獲 虽雖 补補 装裝 观觀 规規 视視 觉覺 讨討 训訓 讲講 许許 访訪 证證 评評 诉訴 词詞 译譯 试試 诗詩 该該 误誤 课課 谁誰 调調 谈談 贝貝 负負 财財 责責 败敗 货貨 质質 "
        "购購 贵貴 费費 资資 赛賽 赞贊 赢贏 跃躍 轮輪 软軟 轻輕 载載 较較 辆輛 输輸 达達 运運 远遠 连連 选選 适適 遗遺 邮郵 释釋 钟鐘 钢鋼 错錯 锁鎖 镜鏡 闭閉 闻聞 阅閱 阳陽 阴陰 际際 "
        "陆陸 险險 随隨 难難 静靜 顶頂 项項 顺順 须須 顾顧 预預 频頻 题題 颜顏 风風 饭飯 饮飲 馆館 验驗 鲜鮮 鸡雞 黄黃 齐齊 龙龍"
    ).split()
)
_SIMPLIFIED_ONLY = frozenset(pair[0] for pair in CHINESE_PAIRS)
_TRADITIONAL_ONLY = frozenset(pair[1] for pair in CHINESE_PAIRS)


def get_language(code_or_name: str) -> Language:
    """The supported language for a tag ("zh-TW", "fr"), an English name ("German") or a native one ("日本語")."""
    key = code_or_name.strip().lower()
    key = _ALIASES.get(key, key).lower()
    if key in _BY_CODE:
        return _BY_CODE[key]
    for language in LANGUAGES:
        if key in (language.name.lower(), language.native.lower()):
            return language
    offered = ", ".join(language.code for language in LANGUAGES)
    raise UnsupportedLanguageError(f"Penna does not offer the language {code_or_name!r}; choose one of: {offered}.")


def script_of(char: str) -> str | None:
    """The writing system of one character, or None for digits, punctuation and spaces."""
    code = ord(char)
    if 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
        return "Hangul"
    if 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9D:
        return "Kana"
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x2FA1F:
        return "Han"
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    for script in ("Latin", "Cyrillic", "Arabic", "Greek", "Hebrew", "Devanagari", "Thai"):
        if name.startswith(script.upper()):
            return script
    return "Other"


def chinese_variant(text: str) -> str:
    """"zh-Hant" when more characters are traditional-only than simplified-only, else "zh-Hans"."""
    simplified = sum(char in _SIMPLIFIED_ONLY for char in text)
    traditional = sum(char in _TRADITIONAL_ONLY for char in text)
    return "zh-Hant" if traditional > simplified else "zh-Hans"


@functools.cache
def _detector(script: str) -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*_LINGUA[script].values()).build()


def detect_language(text: str) -> Language | None:
    """The language of ``text``; None when it has no letters to judge by."""
    sample = text[:4000]
    counts: dict[str, int] = {}
    for char in sample:
        script = script_of(char)
        if script is not None:
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return None
    # Kana and Hangul mark Japanese and Korean even in a text that is mostly Han characters.
    if counts.get("Hangul", 0) >= max(counts.get("Kana", 0), 1) and counts.get("Hangul", 0) * 4 >= sum(counts.values()):
        return _BY_CODE["ko"]
    if counts.get("Kana", 0) and counts.get("Kana", 0) * 10 >= counts.get("Han", 0):
        return _BY_CODE["ja"]
    script = max(counts, key=lambda name: counts[name])
    if script == "Han":
        return _BY_CODE[chinese_variant(sample).lower()]
    if script in _SINGLE_LANGUAGE_SCRIPTS:
        return _BY_CODE[_SINGLE_LANGUAGE_SCRIPTS[script]]
    if script in _LINGUA:
        found = _detector(script).detect_language_of(sample)
        codes = {lingua: code for code, lingua in _LINGUA[script].items()}
        if found is not None:
            return _BY_CODE[codes[found]]
    log.info("no supported language for a text mostly in %s script", script)
    return None
