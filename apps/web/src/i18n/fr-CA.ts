import type { Messages } from "./en";

/** Same keys as en.ts, enforced by the type: a missing or extra text fails `pnpm typecheck`. */
type SameShape<T> = { [K in keyof T]: T[K] extends string ? string : SameShape<T[K]> };

export const frCA: SameShape<Messages> = {
  app: {
    skipToContent: "Passer au contenu principal",
    language: "Langue",
    switchTo: "English",
    switchToLang: "en",
    loading: "Chargement…",
    secureNote:
      "Vos renseignements sont transmis par une connexion sécurisée et comparés à nos dossiers.",
    footerSupport: "Besoin d'aide? Communiquez avec le service à la clientèle",
    titleSuffix: "{{portalName}}",
  },
  support: {
    heading: "Service à la clientèle",
    email: "Courriel",
    phone: "Téléphone",
    hours: "Heures",
  },
  errors: {
    prefix: "Erreur",
    summaryHeading_one: "Il y a un problème",
    summaryHeading_other: "Il y a {{count}} problèmes",
    network: "Impossible de joindre le portail. Vérifiez votre connexion et réessayez.",
    rateLimited:
      "Trop de tentatives. Pour votre sécurité, attendez {{wait}} avant de réessayer (après {{time}}).",
    rateLimitedNoTime:
      "Trop de tentatives. Pour votre sécurité, attendez quelques minutes avant de réessayer.",
    field: {
      REQUIRED: "Entrez votre {{label}}.",
      TOO_LONG: "{{label}} : {{max}} caractères au maximum.",
      INVALID_EMAIL: "Entrez une seule adresse courriel, sous la forme nom@exemple.com.",
      INVALID_CHARACTERS: "{{label}} : certains caractères ne peuvent pas être utilisés.",
      INVALID_NAME:
        "{{label}} : lettres, espaces, apostrophes, traits d’union et points seulement.",
    },
  },
  duration: {
    seconds_one: "{{count}} seconde",
    seconds_other: "{{count}} secondes",
    minutes_one: "{{count}} minute",
    minutes_other: "{{count}} minutes",
    hours_one: "{{count}} heure",
    hours_other: "{{count}} heures",
  },
  fields: {
    firstName: "Prénom",
    lastName: "Nom de famille",
    email: "Adresse courriel",
    billingPostalCode: "Code postal de facturation",
    contractId: "Numéro de contrat",
    password: "Mot de passe",
    newPassword: "Nouveau mot de passe",
  },
  fieldLower: {
    firstName: "prénom",
    lastName: "nom de famille",
    email: "adresse courriel",
    billingPostalCode: "code postal de facturation",
    contractId: "numéro de contrat",
  },
  signIn: {
    title: "Connexion",
    heading: "Connexion au {{portalName}}",
    intro: "Consultez vos contrats et les renseignements de votre compte.",
    submit: "Se connecter",
    submitting: "Connexion…",
    forgot: "Mot de passe oublié?",
    failed:
      "L'adresse courriel ou le mot de passe est incorrect, ou le compte n'est pas encore activé. Vérifiez-les et réessayez.",
    emailRequired: "Entrez votre adresse courriel.",
    passwordRequired: "Entrez votre mot de passe.",
    newHereHeading: "Nouveau sur le portail?",
    newHereText:
      "Les clients qui ont un contrat de location ou de prêt peuvent créer un compte avec les renseignements de leur contrat.",
    registerLink: "Inscrivez-vous ici",
    notVerified: "Inscrit, mais vous n'avez pas reçu le courriel?",
    resendLink: "Renvoyer le courriel",
  },
  register: {
    title: "Inscription",
    heading: "Inscription au {{portalName}}",
    intro:
      "Créez votre compte en trois courtes étapes. Ayez sous la main une facture ou un relevé récent : on y trouve votre numéro de contrat et votre adresse de facturation.",
    stepOf: "Étape {{step}} sur {{total}}",
    steps: {
      you: "Vos renseignements",
      contract: "Votre contrat",
      review: "Vérification et inscription",
    },
    stepsLabel: "Progression de l'inscription",
    completed: "terminée",
    current: "étape en cours",
    continue: "Continuer",
    back: "Retour",
    change: "Modifier",
    changeField: "Modifier : {{label}}",
    submit: "M'inscrire",
    submitting: "Vérification de vos renseignements…",
    reviewIntro:
      "Assurez-vous qu'ils correspondent à votre facture ou à votre relevé. Nous les comparons à ceux qui figurent au dossier de votre contrat.",
    reviewHeading: "Vos renseignements",
    hintsHeading: "Où trouver chaque renseignement",
    rejectedHeading: "Vérifiez vos renseignements",
    supportLine: "Communiquez avec le service à la clientèle :",
    haveAccount: "Vous avez déjà un compte?",
    signInLink: "Connectez-vous",
  },
  checkEmail: {
    title: "Consultez vos courriels",
    heading: "Consultez vos courriels",
    sentTo:
      "Si vos renseignements correspondent à nos dossiers, nous avons envoyé un lien à {{email}}.",
    sentGeneric:
      "Si vos renseignements correspondent à nos dossiers, nous vous avons envoyé un lien.",
    next: "Ouvrez le courriel et suivez le lien pour créer votre mot de passe. Le lien ne fonctionne qu'une fois et expire après un certain temps.",
    notArrived: "Rien après quelques minutes? Vérifiez vos courriels indésirables, ou",
    resendLink: "renvoyez le courriel",
  },
  resend: {
    title: "Renvoyer le courriel",
    heading: "Renvoyer le courriel de vérification",
    intro:
      "Entrez l'adresse courriel utilisée pour l'inscription. Nous enverrons un nouveau lien; les liens précédents ne fonctionneront plus.",
    submit: "Envoyer un nouveau lien",
    submitting: "Envoi…",
    done: "Si cette adresse est inscrite, un nouveau courriel est en route. Suivez le lien du courriel le plus récent.",
  },
  forgot: {
    title: "Réinitialiser le mot de passe",
    heading: "Réinitialiser votre mot de passe",
    intro:
      "Entrez l'adresse courriel avec laquelle vous vous connectez. Nous vous enverrons un lien pour choisir un nouveau mot de passe.",
    submit: "Envoyer le lien",
    submitting: "Envoi…",
    done: "Si cette adresse a un compte, un courriel avec un lien de réinitialisation est en route. Le lien expire rapidement.",
  },
  password: {
    verifyTitle: "Créer votre mot de passe",
    verifyHeading: "Créez votre mot de passe",
    verifyIntro:
      "Votre adresse courriel est confirmée dès que vous créez un mot de passe. Vous êtes ensuite connecté.",
    resetTitle: "Choisir un nouveau mot de passe",
    resetHeading: "Choisissez un nouveau mot de passe",
    resetIntro:
      "Choisissez un nouveau mot de passe. Les autres appareils connectés à votre compte seront déconnectés.",
    policyHeading: "Un bon mot de passe",
    policyLength: "compte de {{passwordMin}} à {{passwordMax}} caractères",
    policyAny:
      "peut contenir n'importe quels caractères, y compris des espaces; aucun symbole n'est exigé",
    policyGuess:
      "n'est pas un mot de passe courant et n'utilise ni votre nom ni votre adresse courriel",
    policyTip:
      "Conseil : quelques mots sans lien entre eux font un mot de passe solide et facile à retenir.",
    counter: "{{count}} caractères sur au moins {{passwordMin}}",
    counterOk: "{{count}} caractères : longueur suffisante",
    counterTooLong: "{{count}} caractères : {{passwordMax}} au maximum",
    liveOk: "Exigence de longueur respectée.",
    liveLong: "Trop long : {{passwordMax}} caractères au maximum.",
    show: "Afficher le mot de passe",
    hide: "Masquer le mot de passe",
    submitVerify: "Créer le mot de passe et me connecter",
    submitReset: "Enregistrer le nouveau mot de passe",
    submitting: "Enregistrement…",
    required: "Entrez un mot de passe.",
    problems: {
      TOO_SHORT: "Utilisez au moins {{passwordMin}} caractères.",
      TOO_LONG: "Utilisez {{passwordMax}} caractères au maximum.",
      TOO_GUESSABLE:
        "Ce mot de passe est trop facile à deviner. Ajoutez des mots et évitez les expressions courantes, les noms et votre adresse courriel.",
    },
    missingToken:
      "Cette page a besoin du lien reçu par courriel. Ouvrez de nouveau le lien du courriel, ou demandez-en un nouveau.",
    token: {
      INVALID:
        "Ce lien n'est pas valide. Il a peut-être été coupé : copiez le lien complet du courriel, ou demandez-en un nouveau.",
      EXPIRED:
        "Ce lien a expiré. Pour votre sécurité, les liens sont valides pendant une durée limitée. Demandez-en un nouveau.",
      USED: "Ce lien a déjà été utilisé. Si vous avez créé votre mot de passe, connectez-vous. Sinon, demandez un nouveau lien.",
      SUPERSEDED:
        "Un courriel plus récent a été envoyé, donc ce lien ne fonctionne plus. Utilisez le lien du courriel le plus récent, ou demandez-en un nouveau.",
    },
    newVerifyLink: "M'envoyer un nouveau lien",
    newResetLink: "M'envoyer un nouveau lien de réinitialisation",
  },
  contracts: {
    title: "Mes contrats",
    heading: "Mes contrats",
    welcome: "Bienvenue, {{firstName}}.",
    signedInAs: "Connecté en tant que {{email}}",
    ready: "Votre compte est prêt.",
    passwordChanged: "Votre mot de passe a été modifié.",
    none: "Aucun contrat actif n'est lié à votre compte pour le moment.",
    contract: "Contrat",
    customer: "Client",
    billingAddress: "Adresse de facturation",
    noAddress: "Aucune adresse de facturation au dossier",
    count_one: "{{count}} contrat",
    count_other: "{{count}} contrats",
    closedHeading: "Fermés",
    closedIntro: "Contrats qui étaient actifs à votre compte et qui ne sont plus en vigueur.",
    closedOn: "Fermé le",
    suspended:
      "Nous ne pouvons plus associer votre compte aux dossiers client avec lesquels il a été créé; vos contrats ne sont donc pas affichés. Veuillez communiquer avec le soutien pour rétablir l'accès.",
    signOut: "Se déconnecter",
    signingOut: "Déconnexion…",
  },
  signedOut: {
    title: "Déconnecté",
    heading: "Vous êtes déconnecté",
    text: "Merci d'avoir utilisé le portail. Fermez le navigateur si vous utilisez un ordinateur partagé.",
    signInAgain: "Se connecter de nouveau",
  },
  notFound: {
    title: "Page introuvable",
    heading: "Page introuvable",
    text: "L'adresse est peut-être mal tapée, ou la page a été déplacée.",
    home: "Aller à la page de connexion",
    register: "S'inscrire",
  },
  errorPage: {
    title: "Un problème est survenu",
    heading: "Un problème est survenu",
    text: "Désolé, le portail n'a pas pu terminer cette opération. Rien de ce que vous avez saisi n'a été perdu de notre côté. Réessayez dans un moment.",
    retry: "Réessayer",
    home: "Aller à la page de connexion",
  },
  mailbox: {
    title: "Boîte de réception de développement",
    heading: "Boîte de réception de développement",
    intro:
      "Courriels envoyés par le portail lorsqu'aucun serveur de courriel n'est configuré, du plus récent au plus ancien. Non offert en production.",
    empty: "Aucun message pour l'instant.",
    to: "À {{to}}",
    refresh: "Actualiser",
  },
};
