import type { SurveyInput } from '../voc/surveys/definition.ts';

/** The languages the demo shop surveys in: its customers write in all of them. */
export const DEMO_SURVEY_LANGUAGES = ['en', 'de', 'es', 'fr', 'pl', 'pt', 'he', 'zh', 'tr'] as const;
export type DemoLanguage = (typeof DEMO_SURVEY_LANGUAGES)[number];
type Texts = Record<DemoLanguage, string>;

const t = (en: string, de: string, es: string, fr: string, pl: string, pt: string, he: string, zh: string, tr: string): Texts =>
  ({ en, de, es, fr, pl, pt, he, zh, tr });

const THANKS = t('Thank you for your feedback!', 'Vielen Dank für Ihr Feedback!', '¡Gracias por sus comentarios!', 'Merci pour votre avis !',
  'Dziękujemy za opinię!', 'Obrigado pelo seu feedback!', 'תודה על המשוב!', '感谢您的反馈！', 'Geri bildiriminiz için teşekkürler!');

/** What a detractor is asked next (the definition's `showIf` logic); ids are the demo's comment topics. */
export const LET_DOWN_CHOICES = ['delivery', 'price', 'payment', 'returns', 'support', 'website'] as const;
const CHOICE_TEXTS: Record<(typeof LET_DOWN_CHOICES)[number], Texts> = {
  delivery: t('Delivery', 'Lieferung', 'Entrega', 'Livraison', 'Dostawa', 'Entrega', 'משלוח', '配送', 'Teslimat'),
  price: t('Price', 'Preis', 'Precio', 'Prix', 'Cena', 'Preço', 'מחיר', '价格', 'Fiyat'),
  payment: t('Payment', 'Zahlung', 'Pago', 'Paiement', 'Płatność', 'Pagamento', 'תשלום', '付款', 'Ödeme'),
  returns: t('Returns', 'Rücksendung', 'Devolución', 'Retour', 'Zwrot', 'Devolução', 'החזרה', '退货', 'İade'),
  support: t('Customer support', 'Kundenservice', 'Atención al cliente', 'Service client', 'Obsługa klienta', 'Apoio ao cliente', 'שירות לקוחות', '客服', 'Müşteri hizmetleri'),
  website: t('Website', 'Webseite', 'Sitio web', 'Site web', 'Strona internetowa', 'Site', 'אתר', '网站', 'Web sitesi'),
};

/** NPS, a follow-up for detractors, effort and a comment, one day after a parcel arrives (sent by e-mail). */
export const DELIVERY_SURVEY: SurveyInput = {
  name: 'After delivery: NPS and effort',
  languages: [...DEMO_SURVEY_LANGUAGES],
  defaultLanguage: 'en',
  status: 'active',
  trigger: { touchpoint: 'order-delivered', delayMinutes: 24 * 60, samplePercent: 50, recontactDays: 30 },
  thankYou: THANKS,
  questions: [
    { id: 'nps', type: 'nps', required: true, text: t(
      'How likely are you to recommend Riffs & Co to a friend or colleague?',
      'Wie wahrscheinlich ist es, dass Sie Riffs & Co einem Freund oder Kollegen empfehlen?',
      '¿Qué probabilidad hay de que recomiende Riffs & Co a un amigo o colega?',
      'Quelle est la probabilité que vous recommandiez Riffs & Co à un ami ou un collègue ?',
      'Jak prawdopodobne jest, że polecisz Riffs & Co znajomemu lub współpracownikowi?',
      'Qual a probabilidade de recomendar a Riffs & Co a um amigo ou colega?',
      'מה הסיכוי שתמליצו על Riffs & Co לחבר או לעמית?',
      '您向朋友或同事推荐 Riffs & Co 的可能性有多大？',
      "Riffs & Co'yu bir arkadaşınıza veya meslektaşınıza önerme olasılığınız nedir?") },
    { id: 'let-down', type: 'choice', required: false, showIf: { question: 'nps', max: 6 }, text: t(
      'What disappointed you most?', 'Was hat Sie am meisten enttäuscht?', '¿Qué le decepcionó más?', "Qu'est-ce qui vous a le plus déçu ?",
      'Co rozczarowało Cię najbardziej?', 'O que mais o desiludiu?', 'מה הכי אכזב אותך?', '最让您失望的是什么？', 'Sizi en çok ne hayal kırıklığına uğrattı?'),
    choices: LET_DOWN_CHOICES.map((id) => ({ id, text: CHOICE_TEXTS[id] })) },
    { id: 'effort', type: 'ces', required: false, text: t(
      'How much effort did it take to get your order? (1 = very little, 7 = a lot)',
      'Wie viel Aufwand hatten Sie, um Ihre Bestellung zu erhalten? (1 = sehr wenig, 7 = sehr viel)',
      '¿Cuánto esfuerzo le costó recibir su pedido? (1 = muy poco, 7 = mucho)',
      'Quel effort vous a demandé la réception de votre commande ? (1 = très peu, 7 = beaucoup)',
      'Ile wysiłku kosztowało Cię otrzymanie zamówienia? (1 = bardzo mało, 7 = bardzo dużo)',
      'Quanto esforço foi necessário para receber a sua encomenda? (1 = muito pouco, 7 = muito)',
      'כמה מאמץ נדרש כדי לקבל את ההזמנה? (1 = מעט מאוד, 7 = הרבה)',
      '收到订单花了您多少精力？（1 = 很少，7 = 很多）',
      'Siparişinizi almak ne kadar çaba gerektirdi? (1 = çok az, 7 = çok fazla)') },
    { id: 'reason', type: 'text', required: false, text: t(
      'What is the main reason for your score?', 'Was ist der wichtigste Grund für Ihre Bewertung?', '¿Cuál es el motivo principal de su puntuación?',
      'Quelle est la principale raison de votre note ?', 'Jaki jest główny powód Twojej oceny?', 'Qual é o principal motivo da sua pontuação?',
      'מה הסיבה העיקרית לציון שנתת?', '您给出这个评分的主要原因是什么？', 'Puanınızın ana nedeni nedir?') },
  ],
};

/** CSAT and a comment, shortly after a support chat ends (shown in the chat widget). */
export const CHAT_SURVEY: SurveyInput = {
  name: 'Support chat satisfaction',
  languages: [...DEMO_SURVEY_LANGUAGES],
  defaultLanguage: 'en',
  status: 'active',
  trigger: { event: 'Support Chat Ended', delayMinutes: 5, samplePercent: 100, recontactDays: 14 },
  thankYou: THANKS,
  questions: [
    { id: 'csat', type: 'csat', required: true, text: t(
      'How satisfied are you with the help you got in the chat?', 'Wie zufrieden sind Sie mit der Hilfe im Chat?',
      '¿Qué tan satisfecho está con la ayuda que recibió en el chat?', "Êtes-vous satisfait de l'aide reçue dans le chat ?",
      'Jak bardzo jesteś zadowolony z pomocy na czacie?', 'Quão satisfeito está com a ajuda que recebeu no chat?',
      "עד כמה אתם מרוצים מהעזרה שקיבלתם בצ'אט?", '您对在聊天中获得的帮助满意吗？', 'Sohbette aldığınız yardımdan ne kadar memnunsunuz?') },
    { id: 'better', type: 'text', required: false, text: t(
      'Anything we could do better?', 'Was können wir besser machen?', '¿Qué podríamos mejorar?', 'Que pourrions-nous améliorer ?',
      'Co możemy poprawić?', 'O que podemos melhorar?', 'מה נוכל לשפר?', '我们还有哪些可以改进的地方？', 'Neyi daha iyi yapabiliriz?') },
  ],
};
