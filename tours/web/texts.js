// Every text the phone page shows, French first, then English (other languages: English).
"use strict";

const LANGUAGE_NAMES = { fr: "Français", en: "English", de: "Deutsch", es: "Español",
                         it: "Italiano", nl: "Nederlands", pt: "Português", ca: "Català",
                         oc: "Occitan", br: "Brezhoneg", eu: "Euskara" };

// Language names as said in a sentence of the page's language.
const NAMES_IN = {
  fr: { fr: "français", en: "anglais", de: "allemand", es: "espagnol", it: "italien",
        nl: "néerlandais", pt: "portugais" },
  en: { fr: "French", en: "English", de: "German", es: "Spanish", it: "Italian",
        nl: "Dutch", pt: "Portuguese" },
};

const TEXTS = {
  fr: { start: "Commencer le parcours", resume: "Reprendre le parcours",
        hint: "Le son démarre tout seul à chaque étape. Gardez la page ouverte.",
        next: "Prochaine étape", now: "En cours", last: "Dernière étape", transcript: "Texte de la narration",
        skip: "Sauter cette étape", ask: "Une question ?", send: "Demander",
        language: "Langue", waiting: "Recherche de votre position…",
        accuracy: (m) => `Position à ${m} m près`, poor: (m) => `GPS imprécis (${m} m) : touchez « Écouter » sur l'étape`,
        denied: "Position refusée : touchez « Écouter » sur chaque étape.",
        done: "Parcours terminé, merci !", offline: "Hors connexion : les questions reviendront avec le réseau.",
        thinking: "…", error: "Le service ne répond pas. Réessayez plus tard.",
        progress: (n, total) => `${n} sur ${total}`, progressLabel: "Étapes écoutées :",
        away: (m, min, travel) => `${m} m, environ ${min} min ${
          { walk: "à pied", cycle: "à vélo", drive: "en voiture" }[travel]}`,
        compass: "Flèche orientée selon votre téléphone",
        mapDirection: "Direction sur le plan (nord en haut), pas selon votre téléphone",
        stops: "Les étapes", plan: "Voir le plan", hidePlan: "Cacher le plan",
        listen: "Écouter", replay: "Réécouter", playNow: "Maintenant",
        playAfter: "Après l'étape en cours", choose: "Une narration est en cours :",
        played: "écoutée", playing: "en cours", queued: "à suivre", toCome: "à venir", skipped: "sautée",
        queuedNotice: (name) => `Ensuite : ${name}`,
        started: (name) => `Étape : ${name}, lecture en cours`,
        ended: (name) => `Fin de l'étape : ${name}`,
        noAudio: (lang, audio) => `Pas de narration audio en ${lang} : le son est en ${audio}, le texte reste en ${lang}.`,
        textOnly: "texte seul",
        wakeOn: "Écran maintenu allumé pendant le parcours",
        wakeOff: "L'écran peut se mettre en veille : le son continue, rallumez-le pour voir l'étape",
        wakeNone: "Ce navigateur ne peut pas garder l'écran allumé",
        record: "Poser la question à voix haute", stopRecord: "Arrêter et envoyer",
        recording: "Enregistrement… parlez, puis touchez « Arrêter et envoyer »",
        micRefused: "Micro refusé : écrivez votre question.",
        heard: (q) => `Compris : « ${q} »`,
        planAlt: (names) => `Plan du parcours : ${names}` },
  en: { start: "Start the walk", resume: "Resume the walk",
        hint: "Sound starts by itself at each stop. Keep this page open.",
        next: "Next stop", now: "Now playing", last: "Last stop", transcript: "Narration text",
        skip: "Skip this stop", ask: "A question?", send: "Ask",
        language: "Language", waiting: "Looking for your position…",
        accuracy: (m) => `Position within ${m} m`, poor: (m) => `Poor GPS (${m} m): tap “Listen” on the stop`,
        denied: "Location refused: tap “Listen” on each stop.",
        done: "Walk complete, thank you!", offline: "Offline: questions will work again with network.",
        thinking: "…", error: "The service does not answer. Please try later.",
        progress: (n, total) => `${n} of ${total}`, progressLabel: "Stops heard:",
        away: (m, min, travel) => `${m} m, about ${min} min ${
          { walk: "on foot", cycle: "by bike", drive: "by car" }[travel]}`,
        compass: "Arrow turned to match your phone",
        mapDirection: "Direction on the map (north up), not from your phone",
        stops: "The stops", plan: "Show the map", hidePlan: "Hide the map",
        listen: "Listen", replay: "Listen again", playNow: "Now",
        playAfter: "After the current one", choose: "A narration is playing:",
        played: "heard", playing: "playing", queued: "up next", toCome: "to come", skipped: "skipped",
        queuedNotice: (name) => `Next: ${name}`,
        started: (name) => `Stop: ${name}, now playing`,
        ended: (name) => `End of stop: ${name}`,
        noAudio: (lang, audio) => `No audio narration in ${lang}: the sound is in ${audio}, the text stays in ${lang}.`,
        textOnly: "text only",
        wakeOn: "Screen kept on during the walk",
        wakeOff: "The screen may sleep: sound goes on, wake it to see the stop",
        wakeNone: "This browser cannot keep the screen on",
        record: "Ask out loud", stopRecord: "Stop and send",
        recording: "Recording… speak, then tap “Stop and send”",
        micRefused: "Microphone refused: type your question.",
        heard: (q) => `Heard: “${q}”`,
        planAlt: (names) => `Map of the walk: ${names}` },
};

function languageName(code) { return LANGUAGE_NAMES[code] || code.toUpperCase(); }
function languageIn(code, page) { return (NAMES_IN[page] || NAMES_IN.en)[code] || languageName(code); }
