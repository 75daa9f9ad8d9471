"""The built-in encodings of the two standard symbol fonts, code to Unicode.

A PDF may print with ZapfDingbats or Symbol without telling the text layer what
the glyphs mean (no ToUnicode map); pdfminer then reads the code as a Latin
letter (ZapfDingbats' black diamond as "u"). These tables give each code's
character: the glyph names of the fonts' Adobe AFM files mapped through the Adobe
Glyph List (as generated into pypdf's `_codecs`; Adobe's terms: the AFM files
and the glyph list may be used, copied and distributed for any purpose). A NUL
marks a code the font does not define.
"""

from __future__ import annotations

# ZapfDingbats (also printed as "Dingbats"): code -> character.
ZAPF_DINGBATS = (
    "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f"
    " ✁✂✃✄☎✆✇✈✉☛☞✌✍✎✏✐✑✒✓✔✕✖✗✘✙✚✛✜✝✞✟"
    "✠✡✢✣✤✥✦✧★✩✪✫✬✭✮✯✰✱✲✳✴✵✶✷✸✹✺✻✼✽✾✿"
    "❀❁❂❃❄❅❆❇❈❉❊❋●❍■❏❐❑❒▲▼◆❖◗❘❙❚❛❜❝❞\x7f"
    "❨❩❪❫❬❭❮❯❰❱❲❳❴❵\x8e\x8f\x90\x91\x92\x93\x94\x95\x96\x97\x98\x99\x9a\x9b\x9c\x9d\x9e\x9f"
    "\xa0❡❢❣❤❥❦❧♣♦♥♠①②③④⑤⑥⑦⑧⑨⑩❶❷❸❹❺❻❼❽❾❿"
    "➀➁➂➃➄➅➆➇➈➉➊➋➌➍➎➏➐➑➒➓➔→↔↕➘➙➚➛➜➝➞➟"
    "➠➡➢➣➤➥➦➧➨➩➪➫➬➭➮➯ð➱➲➳➴➵➶➷➸➹➺➻➼➽➾ÿ"
)
# Symbol: code -> character.
SYMBOL = (
    "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f"
    " !∀#∃%&∋()∗+,−./0123456789:;<=>?"
    "≅ΑΒΧ∆ΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ[∴]⊥_"
    "αβχδεφγηιϕκλμνοπθρστυϖωξψζ{|}∼\x7f"
    "\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b\x8c\x8d\x8e\x8f\x90\x91\x92\x93\x94\x95\x96\x97\x98\x99\x9a\x9b\x9c\x9d\x9e\x9f"
    "€ϒ′≤⁄∞ƒ♣♦♥♠↔←↑→↓°±″≥×∝∂•÷≠≡≈…↵"
    "ℵℑℜ℘⊗⊕∅∩∪⊃⊇⊄⊂⊆∈∉∠∇∏√⋅¬∧∨⇔⇐⇑⇒⇓"
    "◊〈∑ð〉∫⌠⌡ÿ"
)
