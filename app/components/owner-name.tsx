import { useTranslation } from 'react-i18next';

/** The province handling an item, or the national office when it is in the national queue. */
export function useOwnerName() {
  const { t, i18n } = useTranslation();
  return (owner: { nameFa: string; nameEn: string } | null) =>
    owner ? t('province.named', { name: i18n.language === 'en' ? owner.nameEn : owner.nameFa }) : t('province.national');
}
