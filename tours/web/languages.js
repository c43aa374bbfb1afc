// The phone page of an audio trail: which language is heard and which is read. A stop
// is heard in the page's language when it has audio in it, else in the first of the
// tour's languages that has (a visible notice says so); its text stays in the page's.
// Loaded before app.js, which holds the state and the helpers used here ($, text, log).
"use strict";

function hasAudio(lang) {
  return Boolean(state.tour.intro_audio[lang]) || state.tour.stops.some((s) => s.audio[lang]);
}

function audioLang() {
  if (hasAudio(state.lang)) return state.lang;
  return state.tour.languages.find(hasAudio) || null;
}

// The language one stop is heard in: the page's if this stop has it, else the first
// the stop has (a recording may exist for some stops only); null: text only.
function stopAudioLang(stop) {
  if (stop.audio[state.lang]) return state.lang;
  return state.tour.languages.find((lang) => stop.audio[lang]) || null;
}

function chooseLanguage(saved) {
  const phone = (navigator.languages && navigator.languages.length ? navigator.languages
                 : [navigator.language || "fr"]).map((l) => l.slice(0, 2));
  const langs = state.tour.languages;
  return [saved, ...phone].find((l) => l && langs.includes(l)) ||
         langs.find(hasAudio) || langs[0];
}

function fillLanguages() {
  const select = $("lang");
  select.textContent = "";
  for (const lang of state.tour.languages) {
    const option = document.createElement("option");
    option.value = lang;
    option.textContent = hasAudio(lang) ? languageName(lang)
      : `${languageName(lang)} (${(TEXTS[lang] || TEXTS.en).textOnly})`;
    select.appendChild(option);
  }
  select.value = state.lang;
}

function showAudioNotice() {
  const notice = $("audio-notice");
  const heard = audioLang();
  notice.hidden = !heard || heard === state.lang;
  if (!notice.hidden) {
    notice.textContent = text("noAudio", languageIn(state.lang, state.lang),
                              languageIn(heard, state.lang));
    log("audio-fallback", state.lang, heard);
  }
}
