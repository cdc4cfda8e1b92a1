//! The top bar's language switch: a `select` (accessible name "Language" in every language)
//! listing each language in its own words.

use yew::prelude::*;

use crate::ui::i18n::Lang;

#[derive(Properties, PartialEq)]
pub struct LanguageSwitchProps {
    /// The page's language now.
    pub lang: Lang,
    /// Another language was chosen.
    pub on_change: Callback<Lang>,
}

/// A globe and a `select` of the languages; each `option` carries its own `lang` so screen
/// readers pronounce "한국어" as Korean.
#[component]
pub fn LanguageSwitch(props: &LanguageSwitchProps) -> Html {
    let current = props.lang;
    let on_change = {
        let on_change = props.on_change.clone();
        Callback::from(move |event: Event| {
            if let Some(chosen) = Lang::parse(&super::target_value(&event)).filter(|&chosen| chosen != current) {
                on_change.emit(chosen);
            }
        })
    };
    html! {
        <label class="language-switch" title={current.texts().language_title}>
            <svg class="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
                <path fill="none" stroke="currentColor" stroke-width="1.2"
                    d="M8 1.5a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13zM1.5 8h13M8 1.5c-2 2-2.6 4.2-2.6 6.5s.6 4.5 2.6 6.5M8 1.5c2 2 2.6 4.2 2.6 6.5s-.6 4.5-2.6 6.5" />
            </svg>
            <select aria-label="Language" onchange={on_change}>
                { for Lang::ALL.iter().map(|&lang| html! {
                    <option value={lang.code()} lang={lang.code()} selected={lang == current}>{ lang.native_name() }</option>
                }) }
            </select>
        </label>
    }
}
